// The code inventory with a few hundred codes: the table stays windowed (only what is visible is in the page), the
// keyboard reaches every row, filters narrow it, codes are voided with a reason that stays visible, and a code's
// history and an order opened from outside (a notification click) land where they should.
import { startDigetalHubeSim, type DigetalHubeSim } from '../../src/sim/index'
import { expect, navigate, test } from './fixtures'
import { addDigetalHubeAccount, chooseProfile, FAST_POLLING, syncSearchAndBuy } from './helpers'

const KEY = 'dh_inventory'
const COUNT = 300

test.describe('a large code inventory', () => {
  let sim: DigetalHubeSim
  test.beforeEach(async () => {
    sim = await startDigetalHubeSim({ speed: 200, rateLimits: false, accounts: [{ apiKey: KEY, balance: '5000.00' }] })
  })
  test.afterEach(async () => {
    await sim.close()
  })

  test(`${COUNT} codes: windowed rows, keyboard selection, filters, void with a reason, history, open.order`, async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Amina')
    await addDigetalHubeAccount(page, { name: 'DigetalHube bulk', baseUrl: sim.baseUrl, apiKey: KEY, ...FAST_POLLING })
    await syncSearchAndBuy(page, 'pubg 60', '123')
    await page.getByTestId('buy-quantity').fill(String(COUNT))
    await page.getByTestId('buy-review').click()
    await page.getByTestId('plan-confirm').click()
    await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-done', 'true', { timeout: 90_000 })
    await expect(page.locator('[data-testid="toast"][data-topic="delivery"]')).toContainText(`${COUNT} codes delivered — PUBG Mobile 60 UC`)
    const someOrder = (await page.getByTestId('batch-order').first().getAttribute('data-order-id'))!

    // All 300 in the table, but only a window of them in the page.
    await navigate(page, 'codes')
    const table = page.getByTestId('codes-table')
    await expect(table).toHaveAttribute('aria-rowcount', String(COUNT + 1))
    const rows = page.getByTestId('code-row')
    await expect(rows.first()).toBeVisible()
    expect(await rows.count()).toBeLessThan(80)
    await app.shot('01-windowed')

    // One Tab stop: End goes to the last code (scrolled into the page), Space selects it, Shift+Home selects the run.
    await rows.first().focus()
    await page.keyboard.press('End')
    const last = page.locator(`[data-testid="code-row"][aria-rowindex="${COUNT + 1}"]`)
    await expect(last).toBeFocused()
    await page.keyboard.press('Space')
    await expect(page.getByTestId('codes-selected-count')).toHaveAttribute('data-count', '1')
    await page.keyboard.press('Shift+Home')
    await expect(page.getByTestId('codes-selected-count')).toHaveAttribute('data-count', String(COUNT))
    await expect(page.locator('[data-testid="code-row"][aria-rowindex="2"]')).toBeFocused()
    await page.keyboard.press('Control+a') // all were selected: Ctrl+A clears
    await expect(page.getByTestId('codes-selected-count')).toHaveAttribute('data-count', '0')
    // → walks into the row's buttons; Escape comes back to the row.
    await page.keyboard.press('ArrowRight')
    await expect(page.locator('[data-testid="code-row"][aria-rowindex="2"] button').first()).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(page.locator('[data-testid="code-row"][aria-rowindex="2"]')).toBeFocused()
    await app.shot('02-keyboard')

    // Filters: a period that starts tomorrow has nothing; the product filter keeps all 300.
    const tomorrow = new Date(Date.now() + 24 * 60 * 60_000)
    const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`
    await page.getByTestId('codes-from').fill(day)
    await expect(page.getByTestId('codes-empty')).toBeVisible()
    await page.getByTestId('codes-clear-filters').click()
    await page.getByTestId('codes-product-filter').selectOption('123')
    await expect(table).toHaveAttribute('aria-rowcount', String(COUNT + 1))

    // Void two (click, Shift+click): the reason is required, then shown on the rows.
    await rows.nth(0).getByTestId('code-select').click()
    await rows.nth(1).getByTestId('code-select').click({ modifiers: ['Shift'] })
    await expect(page.getByTestId('codes-selected-count')).toHaveAttribute('data-count', '2')
    await page.getByTestId('codes-void').click()
    const dialog = page.getByTestId('mark-dialog')
    await dialog.getByTestId('mark-confirm').click()
    await expect(dialog.getByTestId('mark-reason-error')).toHaveText('Say why these codes are void.')
    await dialog.getByTestId('mark-reason').fill('customer says already redeemed')
    await app.shot('03-void-dialog')
    await dialog.getByTestId('mark-confirm').click()
    await expect(page.getByTestId('toast').filter({ hasText: '2 codes voided.' })).toBeVisible()
    await page.getByTestId('codes-state-filter').selectOption('void')
    await expect(rows).toHaveCount(2)
    await expect(rows.first().getByTestId('code-void-reason')).toHaveText('customer says already redeemed')
    await app.shot('04-void-reason')

    // That code's history: who voided it and why.
    const voidedId = (await rows.first().getAttribute('data-code-id'))!
    await rows.first().getByTestId('code-history').click()
    await expect(page.getByTestId('screen-history')).toBeVisible()
    await expect(page.getByTestId('history-subject-id')).toHaveValue(voidedId)
    const entry = page.locator('[data-testid="history-row"][data-action="code.void"]')
    await expect(entry).toHaveAttribute('data-subject-id', voidedId)
    await expect(entry).toHaveAttribute('data-actor', 'Amina')
    await expect(entry.getByTestId('history-detail')).toContainText('“customer says already redeemed”')
    await expect(page.getByTestId('history-row')).toHaveCount(1)
    await app.shot('05-code-history')

    // A notification or tray click about an order (open.order) opens that order's detail.
    app.host.events.emit({ type: 'open.order', orderId: someOrder })
    await expect(page.getByTestId('screen-orders')).toBeVisible()
    await expect(page.getByTestId('order-detail')).toHaveAttribute('data-order-id', someOrder)
    await app.shot('06-opened-from-notification')
  })
})
