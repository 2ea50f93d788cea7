// An order whose reply was lost while someone else with the same key bought the same thing: ResellerDesk cannot
// tell which supplier order is ours, so it asks a person. The person checks the supplier's list and says which.
import { startDigetalHubeSim, type DigetalHubeSim } from '../../src/sim/index'
import { expect, navigate, test } from './fixtures'
import { addDigetalHubeAccount, chooseProfile, FAST_POLLING, syncSearchAndBuy } from './helpers'

const KEY = 'dh_review'

test.describe('orders that need review', () => {
  let sim: DigetalHubeSim
  test.beforeEach(async () => {
    sim = await startDigetalHubeSim({ speed: 200, rateLimits: false, accounts: [{ apiKey: KEY, balance: '500.00' }] })
  })
  test.afterEach(async () => {
    await sim.close()
  })

  test('an ambiguous lost order is resolved in the Orders screen as placed, then completes with its codes', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Karim')
    await addDigetalHubeAccount(page, { name: 'DH', baseUrl: sim.baseUrl, apiKey: KEY, ...FAST_POLLING })
    await syncSearchAndBuy(page, 'pubg 60', '123')
    await page.getByTestId('buy-quantity').fill('5')
    await page.getByTestId('buy-review').click()
    await expect(page.getByTestId('plan')).toHaveAttribute('data-can-place', 'true')

    // Someone else with the same key (another till, the supplier's website) places two identical orders while ours
    // is on its way, and the reply to ours is lost after the supplier commits it.
    sim.beforeNextCreate(() => {
      sim.placeOrder(KEY, 123, 5)
      sim.placeOrder(KEY, 123, 5)
    })
    sim.faults.inject({ action: 'create_order', kind: 'drop_after_commit' })

    await page.getByTestId('plan-confirm').click()
    const order = page.getByTestId('batch-order')
    await expect(order).toHaveAttribute('data-state', 'needs_review', { timeout: 30_000 })
    await expect(page.getByTestId('batch-summary')).toContainText('1 order needs your review')
    await app.shot('01-batch-needs-review')

    // Orders: open the order, read why, and enter the supplier's id of our order.
    const orderId = (await order.getAttribute('data-order-id'))!
    await navigate(page, 'orders')
    await page.getByTestId('orders-state-filter').selectOption('needs_review')
    const row = page.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`)
    await row.click()
    const detail = page.getByTestId('order-detail')
    const review = detail.getByTestId('review-box')
    await expect(review).toBeVisible()
    await expect(review.getByTestId('review-reason')).toContainText(/could be this one/)
    await app.shot('02-review-box')

    // The three supplier orders are listed with their times; our reference is there to search for.
    const ours = sim.orders(KEY).at(-1)!
    expect(sim.orders(KEY)).toHaveLength(3)
    await expect(review.getByTestId('review-candidate')).toHaveCount(3)
    await expect(review.getByTestId('review-client-ref')).toContainText(/rd[0-9a-f]{24}/)
    await review.locator(`[data-testid="review-candidate"][data-upstream-id="${ours.orderId}"]`).getByTestId('review-candidate-pick').click()
    await expect(review.getByTestId('review-upstream-id')).toHaveValue(ours.orderId)
    await review.getByTestId('review-placed').click()
    const confirm = page.getByTestId('review-confirm-dialog')
    await expect(confirm).toContainText(ours.orderId)
    await app.shot('03-confirm-placed')
    await confirm.getByTestId('confirm-ok').click()

    // The engine follows that supplier order until its codes arrive.
    await expect(detail.getByTestId('order-detail-state')).toHaveAttribute('data-state', 'completed', { timeout: 30_000 })
    await expect(detail.getByTestId('order-detail-upstream-id')).toHaveText(ours.orderId)
    await expect(detail.getByTestId('order-code')).toHaveCount(5)
    await expect(detail.getByTestId('review-box')).toHaveCount(0)
    await app.shot('04-resolved-and-completed')

    // The codes are the ones the supplier delivered for that order, and no others.
    const delivered = sim.orders(KEY).find((o) => o.orderId === ours.orderId)!.codes
    expect(delivered).toHaveLength(5)
    await detail.getByTestId('order-detail-view-codes').click()
    await expect(page.getByTestId('codes-order-filter')).toHaveAttribute('data-scope', 'order')
    await expect(page.getByTestId('code-row')).toHaveCount(5)
    const first = page.getByTestId('code-row').first()
    await first.getByTestId('code-reveal-toggle').click()
    expect(delivered).toContain((await first.getByTestId('code-plain').textContent())!.trim())
    await app.shot('05-codes-of-the-order')

    const audit = app.host.current().storage.audit.forSubject('order', orderId).map((e) => `${e.actor}:${e.action}`)
    expect(audit).toContain('Karim:order.resolve.placed')
  })
})
