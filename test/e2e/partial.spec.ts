// An order the supplier fills only in part (OneClickDz PARTIALLY_FILLED, from its sandbox's TEST_PARTIAL type):
// the purchase and the order both say plainly how many codes came and what was refunded.
import { ONECLICKDZ_DEMO_SANDBOX_KEY, ONECLICKDZ_TEST_PARTIAL } from '../../src/sim/index'
import { expect, navigate, test } from './fixtures'
import { chooseProfile, testResultOf } from './helpers'

test.describe('partial delivery', () => {
  test.use({ mode: 'demo' })

  test('a half-filled order says "2 of 4 delivered" in the batch summary and in the order detail', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Amina')

    // A OneClickDz sandbox key, added through the form (it reaches the same simulated supplier as the demo).
    await navigate(page, 'accounts')
    const baseUrl = app.host.current().accounts.list().find((a) => a.kind === 'oneclickdz')!.baseUrl
    const form = page.getByTestId('add-account-form')
    await form.getByTestId('account-kind').selectOption('oneclickdz')
    await form.getByTestId('account-name').fill('OneClickDz sandbox')
    await form.getByTestId('account-base-url').fill(baseUrl)
    await form.getByTestId('account-apiKey').fill(ONECLICKDZ_DEMO_SANDBOX_KEY)
    await form.getByTestId('account-advanced-toggle').click()
    await form.getByTestId('account-poll').fill('0.1')
    await form.getByTestId('account-first-poll').fill('0.1')
    await form.getByTestId('account-rate-limit').fill('6000')
    await form.getByTestId('add-account-submit').click()
    const row = page.locator('[data-testid="account-row"][data-account-name="OneClickDz sandbox"]')
    await expect(await testResultOf(page, row)).toHaveAttribute('data-ok', 'true')
    const accountId = (await row.getAttribute('data-account-id'))!

    // Its catalog has the sandbox's test types; buy 4 of "half delivered".
    await navigate(page, 'catalog')
    await page.getByTestId('catalog-account').selectOption(accountId)
    await page.getByTestId('catalog-sync').click()
    await expect(page.getByTestId('catalog-sync-result')).toContainText(/Catalog synced/)
    const testRow = page.locator(`[data-testid="catalog-row"][data-account-id="${accountId}"][data-variant-id="${ONECLICKDZ_TEST_PARTIAL}"]`).first()
    await testRow.getByTestId('catalog-buy').click()
    await page.getByTestId('buy-quantity').fill('4')
    await page.getByTestId('buy-review').click()
    await page.getByTestId('plan-confirm').click()

    await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-done', 'true', { timeout: 30_000 })
    const order = page.getByTestId('batch-order')
    await expect(order).toHaveAttribute('data-state', 'partially_completed')
    await expect(page.getByTestId('batch-summary-headline')).toHaveText('2 of 4 codes delivered.')
    // Sandbox orders cost nothing, so nothing is refunded; a paid one would add "— 490.00 DZD refunded".
    const outcome = page.getByTestId('batch-outcome')
    await expect(outcome).toContainText(/Test: half delivered · 2 of 4 delivered$/)
    await app.shot('01-partial-batch')

    await order.getByRole('button').first().click()
    const detail = page.getByTestId('order-detail')
    await expect(detail.getByTestId('order-detail-outcome')).toHaveText('2 of 4 delivered')
    await expect(detail.getByTestId('order-code')).toHaveCount(2)
    await app.shot('02-partial-order-detail')
  })
})
