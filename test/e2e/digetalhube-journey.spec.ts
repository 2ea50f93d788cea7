// The acceptance test: a person sets up a real (simulated) DigetalHube account in live mode, buys 25 codes,
// exports them, and copies one for a customer, all through the UI.
import { isAbsolute, relative } from 'node:path'
import { startDigetalHubeSim, type DigetalHubeSim } from '../../src/sim/index'
import { expect, navigate, test } from './fixtures'
import { addDigetalHubeAccount, chooseProfile, FAST_POLLING, readCsv, syncSearchAndBuy, testResultOf } from './helpers'

const KEY = 'dh_e2e'

test.describe('DigetalHube, from an empty live app to exported codes', () => {
  let sim: DigetalHubeSim
  test.beforeEach(async () => {
    sim = await startDigetalHubeSim({ speed: 200, rateLimits: false, accounts: [{ apiKey: KEY, balance: '500.00' }] })
  })
  test.afterEach(async () => {
    await sim.close()
  })

  test('adds the account, buys 25 × PUBG Mobile 60 UC as 10 + 10 + 5, exports all 25 and copies one', async ({ page, app }) => {
    await app.open()

    // Who is at the desk: every reveal, copy and export below is recorded under this name.
    await chooseProfile(page, 'Amina')
    await expect(page.getByTestId('mode-badge')).toHaveAttribute('data-mode', 'live')
    await expect(page.getByTestId('accounts-empty')).toBeVisible()
    await app.shot('01-empty-live-app')

    // Accounts: add the DigetalHube account; the connection is tested right away and shows the balance.
    const row = await addDigetalHubeAccount(page, { name: 'DigetalHube main', baseUrl: sim.baseUrl, apiKey: KEY, ...FAST_POLLING })
    const result = await testResultOf(page, row)
    await expect(result).toHaveAttribute('data-ok', 'true')
    await expect(result.getByTestId('account-test-balance')).toHaveText('500.00 USDT')
    await expect(row.getByTestId('account-capabilities')).toHaveAttribute('data-max', '10')
    await app.shot('02-account-added-and-tested')

    // Catalog: sync, search, Buy.
    await syncSearchAndBuy(page, 'pubg 60', '123')
    await expect(page.getByTestId('basket-title')).toHaveText('PUBG Mobile 60 UC')

    // Buy: 25, Review → three upstream orders, 26.25 USDT against 500.00.
    await page.getByTestId('buy-quantity').fill('25')
    await page.getByTestId('buy-review').click()
    const plan = page.getByTestId('plan')
    await expect(plan).toHaveAttribute('data-can-place', 'true')
    await expect(plan.getByTestId('plan-split')).toHaveAttribute('data-split', '10,10,5')
    await expect(plan.getByTestId('plan-split')).toContainText('10 + 10 + 5')
    await expect(plan.getByTestId('plan-account-cost')).toHaveText('26.25 USDT')
    await expect(plan.getByTestId('plan-account-balance')).toHaveText('500.00 USDT')
    await expect(plan.getByTestId('plan-total')).toHaveText('26.25 USDT')
    await app.shot('03-plan-reviewed')

    // Confirm: live progress until every code is in.
    await plan.getByTestId('plan-confirm').click()
    const progress = page.getByTestId('batch-progress')
    await expect(page.getByTestId('batch-order')).toHaveCount(3)
    await expect(progress).toHaveAttribute('data-done', 'true', { timeout: 60_000 })
    await expect(page.getByTestId('batch-progress-text')).toHaveText('25 / 25 codes delivered')
    await expect(page.getByTestId('batch-summary-headline')).toHaveText('All 25 codes delivered.')
    await app.shot('04-purchase-finished')

    // Codes: the 25 of this purchase (one codes.list by batch), select all, export with "mark as exported".
    await page.getByTestId('batch-view-codes').click()
    await expect(page.getByTestId('screen-codes')).toBeVisible()
    await expect(page.getByTestId('codes-order-filter')).toHaveAttribute('data-scope', 'batch')
    await expect(page.getByTestId('code-row')).toHaveCount(25)
    await page.getByTestId('codes-select-all').check()
    await expect(page.getByTestId('codes-selected-count')).toHaveAttribute('data-count', '25')
    await expect(page.getByTestId('export-mark-exported')).toBeChecked()
    // Only the columns the shop hands over: leave out our internal order id and the account.
    await page.getByTestId('export-columns').locator('summary').click()
    await expect(page.getByTestId('export-column-code')).toBeDisabled()
    await page.getByTestId('export-column-order_id').uncheck()
    await page.getByTestId('export-column-account').uncheck()
    await page.getByTestId('export-columns').locator('summary').click()
    await page.getByTestId('export-csv').click()
    const exported = page.getByTestId('export-result')
    await expect(exported).toHaveAttribute('data-count', '25')
    await expect(exported).toContainText('Exported 25 codes')
    await app.shot('05-exported')

    // The file: 25 data rows whose codes are exactly the ones the supplier issued.
    const path = (await exported.getAttribute('data-path'))!
    expect(isAbsolute(path) && !relative(app.exportDir, path).startsWith('..')).toBe(true)
    const [header, ...rows] = readCsv(path)
    expect(header).toEqual(['product', 'code', 'upstream_order_id', 'unit_price', 'currency', 'delivered_at'])
    const codeColumn = header!.indexOf('code')
    expect(codeColumn).toBeGreaterThanOrEqual(0)
    expect(rows).toHaveLength(25)
    const issued = sim.issuedCodes(KEY)
    expect(issued).toHaveLength(25)
    expect(rows.map((r) => r[codeColumn]).sort()).toEqual([...issued].sort())

    // …and the inventory now shows them as exported.
    const states = page.getByTestId('code-row')
    await expect(states.and(page.locator('[data-state="exported"]'))).toHaveCount(25)

    // Hand one code to a customer: reveal it, then copy it (the main process writes the clipboard).
    const first = page.getByTestId('code-row').first()
    await first.getByTestId('code-reveal-toggle').click()
    const plain = first.getByTestId('code-plain')
    await expect(plain).toBeVisible()
    const code = (await plain.textContent())!.trim()
    expect(issued).toContain(code)
    await first.getByTestId('code-copy').click()
    await expect(page.getByTestId('toast').filter({ hasText: 'Copied — clears in 30 s' })).toBeVisible()
    await expect.poll(() => app.clipboard.text).toBe(code)
    await app.shot('06-revealed-and-copied')

    // Every hand-over is in the audit log under the person at the desk.
    const audit = app.host
      .current()
      .storage.audit.recent(50)
      .map((e) => `${e.actor}:${e.action}`)
    expect(audit).toEqual(expect.arrayContaining(['Amina:codes.export', 'Amina:code.reveal', 'Amina:code.copy']))

    // The ledger shows the three purchases (money out) from our own orders.
    await navigate(page, 'ledger')
    const purchases = page.locator('[data-testid="ledger-row"][data-kind="purchase"]')
    await expect(purchases).toHaveCount(3)
    await expect(purchases.first().getByTestId('ledger-amount')).toHaveClass(/text-bad/)
    await app.shot('07-ledger')
  })
})
