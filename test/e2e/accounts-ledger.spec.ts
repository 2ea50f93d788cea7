// The Add-account form for every supplier kind (each asks for what that supplier authenticates with), tested
// against the built-in simulators; and the ledger, where the storefront's own statement is imported.
import { AIDIGITALTOOLS_DEMO_KEY, DIGETALHUBE_DEMO_KEY, DIGISELLER_DEMO_API_KEY, DIGISELLER_DEMO_SELLER_ID, HYPER_DEMO_EMAIL, HYPER_DEMO_PASSWORD, ONECLICKDZ_DEMO_KEY } from '../../src/sim/index'
import type { ProviderKind } from '../../src/shared/domain'
import { expect, navigate, test } from './fixtures'
import { chooseProfile, testResultOf } from './helpers'

const CREDENTIALS: Record<ProviderKind, Record<string, string>> = {
  digetalhube: { apiKey: DIGETALHUBE_DEMO_KEY },
  aidigitaltools: { apiKey: AIDIGITALTOOLS_DEMO_KEY },
  oneclickdz: { apiKey: ONECLICKDZ_DEMO_KEY },
  hyper: { email: HYPER_DEMO_EMAIL, password: HYPER_DEMO_PASSWORD },
  digiseller: { sellerId: DIGISELLER_DEMO_SELLER_ID, apiKey: DIGISELLER_DEMO_API_KEY }
}

test.describe('accounts of every kind, and the ledger', () => {
  test.use({ mode: 'demo' })

  test('the form asks each supplier for its own credentials, and the connection test right after adding succeeds', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Amina')
    await navigate(page, 'accounts')
    const demoUrls = new Map(app.host.current().accounts.list().map((a) => [a.kind, a.baseUrl]))
    const form = page.getByTestId('add-account-form')

    for (const [kind, credentials] of Object.entries(CREDENTIALS) as [ProviderKind, Record<string, string>][]) {
      await form.getByTestId('account-kind').selectOption(kind)
      // Exactly this supplier's credential boxes, no other.
      for (const field of ['apiKey', 'email', 'password', 'sellerId']) {
        await expect(form.getByTestId(`account-${field}`)).toHaveCount(field in credentials ? 1 : 0)
      }
      const name = `Second ${kind}`
      await form.getByTestId('account-name').fill(name)
      await form.getByTestId('account-base-url').fill(demoUrls.get(kind)!)
      for (const [field, value] of Object.entries(credentials)) await form.getByTestId(`account-${field}`).fill(value)
      await form.getByTestId('add-account-submit').click()
      const row = page.locator(`[data-testid="account-row"][data-account-name="${name}"]`)
      const result = await testResultOf(page, row)
      await expect(result).toHaveAttribute('data-ok', 'true')
      await expect(result.getByTestId('account-test-balance')).toBeVisible()
      await expect(row.getByTestId('account-capabilities')).toHaveAttribute('data-supplier', kind === 'digiseller' ? 'false' : 'true')
    }
    await app.shot('01-one-account-of-each-kind')
  })

  test('Sync imports the storefront statement next to our own purchases, with an account filter', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Amina')
    await navigate(page, 'ledger')
    await expect(page.getByTestId('ledger-empty')).toBeVisible()
    await page.getByTestId('ledger-sync').click()
    await expect(page.getByTestId('ledger-sync-result')).toContainText(/Ledger synced: \d+ new entr/)
    const upstream = page.locator('[data-testid="ledger-row"][data-source="upstream"]')
    await expect(upstream.first()).toBeVisible()
    // Money in is green and signed +, money out red and signed −.
    const sale = page.locator('[data-testid="ledger-row"][data-kind="sale"]').first()
    await expect(sale.getByTestId('ledger-amount')).toHaveClass(/text-ok/)
    await expect(sale.getByTestId('ledger-amount')).toContainText('+')
    await app.shot('01-ledger-synced')

    // Only the storefront keeps a statement: filtered to the DigetalHube account, none of it shows.
    const dh = app.host.current().accounts.list().find((a) => a.kind === 'digetalhube')!
    await page.getByTestId('ledger-account-filter').selectOption(dh.id)
    await expect(page.getByTestId('ledger-empty')).toBeVisible()
    const storefront = app.host.current().accounts.list().find((a) => a.kind === 'digiseller')!
    await page.getByTestId('ledger-account-filter').selectOption(storefront.id)
    await expect(upstream.first()).toBeVisible()
    await expect(page.locator(`[data-testid="ledger-row"]:not([data-account-id="${storefront.id}"])`)).toHaveCount(0)
  })
})
