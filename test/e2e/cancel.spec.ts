// Cancelling orders of a purchase that are not sent yet, from the live batch view and from the order detail, and
// what the purchase then says it came to.
import { startDigetalHubeSim, type DigetalHubeSim } from '../../src/sim/index'
import { expect, navigate, test } from './fixtures'
import { addDigetalHubeAccount, chooseProfile, FAST_POLLING, syncSearchAndBuy } from './helpers'

const KEY = 'dh_cancel'

test.describe('cancelling orders', () => {
  let sim: DigetalHubeSim
  test.beforeEach(async () => {
    sim = await startDigetalHubeSim({ speed: 200, rateLimits: false, accounts: [{ apiKey: KEY, balance: '500.00' }] })
  })
  test.afterEach(async () => {
    await sim.close()
  })

  test('two unsent orders of a 35-code purchase are cancelled; the summary says what was delivered', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Amina')
    await addDigetalHubeAccount(page, { name: 'DH', baseUrl: sim.baseUrl, apiKey: KEY, ...FAST_POLLING })
    await syncSearchAndBuy(page, 'pubg 60', '123')
    await page.getByTestId('buy-quantity').fill('35')
    await page.getByTestId('buy-review').click()
    await expect(page.getByTestId('plan-split')).toHaveAttribute('data-split', '10,10,10,5')

    // The supplier holds the first create before handling it, so that order is "being sent" for as long as the test
    // needs: ResellerDesk sends one order at a time per account, so the other three stay unsent and cancellable — a
    // known state, not a race between a click and the engine's clock. (Held before it is handled: should the test
    // take longer than the request timeout, the simulator drops it unplaced, the account's order count proves it
    // was never placed, and it is sent again — the rest of the test holds.)
    sim.faults.hold('create_order', 'before')
    await page.getByTestId('plan-confirm').click()
    await sim.faults.whenHeld('create_order')
    await expect(page.getByTestId('batch-order')).toHaveCount(4)
    const waiting = page.locator('[data-testid="batch-order"][data-cancellable="true"]')
    await expect(waiting).toHaveCount(3)

    // From the batch view: one of those still waiting (which order goes first is the engine's choice).
    const a = waiting.first()
    const aId = (await a.getAttribute('data-order-id'))!
    const aQty = Number(await a.getAttribute('data-quantity'))
    await a.getByTestId('batch-order-cancel').click()
    const dialog = page.getByTestId('cancel-order-dialog')
    await expect(dialog).toContainText('nothing is charged')
    await dialog.getByTestId('cancel-order-reason').fill('Customer changed their mind')
    await dialog.getByTestId('cancel-order-confirm').click()
    await expect(page.locator(`[data-testid="batch-order"][data-order-id="${aId}"]`)).toHaveAttribute('data-state', 'cancelled')
    await expect(dialog).toHaveCount(0)
    await app.shot('01-cancelled-from-batch')

    // From an order's detail in Orders: the journal filtered to orders not sent yet (still two: the reply is held).
    await navigate(page, 'orders')
    await page.getByTestId('orders-state-filter').selectOption('planned')
    const planned = page.locator('[data-testid="order-row"][data-state="planned"]')
    await expect(planned).toHaveCount(2)
    const row = planned.first()
    const bId = (await row.getAttribute('data-order-id'))!
    const bQty = Number(await row.getAttribute('data-quantity'))
    await row.click()
    const detail = page.locator(`[data-testid="order-detail"][data-order-id="${bId}"]`)
    await detail.getByTestId('order-cancel').click()
    await page.getByTestId('cancel-order-confirm').click()
    await expect(detail.getByTestId('order-detail-state')).toHaveAttribute('data-state', 'cancelled')
    await expect(detail.getByTestId('order-detail-outcome')).toHaveText(`Cancelled: 0 of ${bQty} delivered`)
    await expect(detail.getByTestId('order-cancel')).toHaveCount(0)
    await app.shot('02-cancelled-in-order-detail')
    expect(sim.orders(KEY)).toHaveLength(0) // the order being sent is still held: nothing reached the supplier

    sim.faults.release('create_order')
    // The rest arrives; the purchase says plainly what it came to.
    const delivered = 35 - aQty - bQty
    await navigate(page, 'buy')
    await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-done', 'true', { timeout: 30_000 })
    await expect(page.getByTestId('batch-progress-text')).toHaveText(`${delivered} / 35 codes delivered`)
    const summary = page.getByTestId('batch-summary')
    await expect(summary.getByTestId('batch-summary-headline')).toHaveText(`${delivered} of 35 codes delivered.`)
    await expect(summary).toContainText('2 orders were cancelled.')
    await expect(summary.getByTestId('batch-outcome')).toHaveCount(2)
    await expect(summary.locator(`[data-testid="batch-outcome"][data-order-id="${aId}"]`)).toContainText(`Cancelled: 0 of ${aQty} delivered`)
    await expect(summary.locator(`[data-testid="batch-outcome"][data-order-id="${bId}"]`)).toContainText(`Cancelled: 0 of ${bQty} delivered`)
    await app.shot('03-batch-summary')

    // The supplier saw exactly the two orders that were not cancelled.
    const sent = sim.orders(KEY).map((o) => o.quantity)
    expect(sent).toHaveLength(2)
    expect(sent.reduce((n, q) => n + q, 0)).toBe(delivered)
    expect(sim.issuedCodes(KEY)).toHaveLength(delivered)
  })
})
