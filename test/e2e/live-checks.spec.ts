// Two checks against a DigetalHube simulator started here, in live mode: reconciliation catches money that left the
// account behind the app's back, and a watched product's stock change is announced after a catalog sync.
import { startDigetalHubeSim, type DigetalHubeSim } from '../../src/sim/index'
import { expect, navigate, test } from './fixtures'
import { addDigetalHubeAccount, chooseProfile, FAST_POLLING, syncSearchAndBuy, testResultOf } from './helpers'

const KEY = 'dh_live_checks'
const NAME = 'DigetalHube main'

test.describe('live checks against a DigetalHube simulator', () => {
  let sim: DigetalHubeSim
  test.beforeEach(async () => {
    sim = await startDigetalHubeSim({ speed: 200, rateLimits: false, accounts: [{ apiKey: KEY, balance: '500.00' }] })
  })
  test.afterEach(async () => {
    await sim.close()
  })

  test('an order placed behind the app’s back shows up as a reconciliation mismatch with its amount', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Karim')
    const row = await addDigetalHubeAccount(page, { name: NAME, baseUrl: sim.baseUrl, apiKey: KEY, ...FAST_POLLING })
    await expect(await testResultOf(page, row)).toHaveAttribute('data-ok', 'true') // the first balance reading: 500.00
    const accountId = (await row.getAttribute('data-account-id'))!

    // Three codes bought through the app: 3.15 USDT in our journal.
    await syncSearchAndBuy(page, 'pubg 60', '123')
    await page.getByTestId('buy-quantity').fill('3')
    await page.getByTestId('buy-review').click()
    await page.getByTestId('plan-confirm').click()
    await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-done', 'true', { timeout: 30_000 })

    // Someone else uses the same key: two codes bought straight from the supplier, 2.10 USDT.
    const reply = await fetch(`${sim.baseUrl}/reseller_api.php?action=create_order`, {
      method: 'POST',
      headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ product_id: 123, quantity: 2 })
    })
    expect(((await reply.json()) as { success: boolean }).success).toBe(true)

    // Balances, refreshed: 500.00 − 3.15 − 2.10.
    await navigate(page, 'balances')
    await page.getByTestId('balances-screen-refresh').click()
    const card = page.locator(`[data-testid="balance-card"][data-account-id="${accountId}"]`)
    await expect(card.getByTestId('balance-card-amount')).toHaveText('494.75 USDT')
    await app.shot('01-balance-after-outside-order')

    // Reconcile: the 2.10 that our journal does not explain, listed at the top and on the account's row.
    await navigate(page, 'reconcile')
    await page.getByTestId('reconcile-run').click()
    const mismatch = page.locator(`[data-testid="reconcile-mismatch"][data-account-id="${accountId}"]`)
    await expect(mismatch).toHaveAttribute('data-kind', 'balance')
    await expect(mismatch).toContainText(`${NAME}: the balance fell 2.10 USDT more than our orders explain`)
    await expect(mismatch.getByTestId('reconcile-mismatch-difference')).toHaveText('-2.10 USDT')
    const recon = page.locator(`[data-testid="reconcile-row"][data-account-id="${accountId}"]`)
    await expect(recon).toHaveAttribute('data-status', 'mismatch')
    await expect(recon.getByTestId('reconcile-spent')).toHaveText('3.15 USDT')
    await expect(recon.getByTestId('reconcile-upstream')).toHaveText('-5.25 USDT')
    await expect(recon.getByTestId('reconcile-difference')).toHaveText('-2.10 USDT')
    await app.shot('02-reconcile-mismatch')
  })

  test('a watched product whose stock changes at the supplier is announced after the next catalog sync', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Karim')
    await addDigetalHubeAccount(page, { name: NAME, baseUrl: sim.baseUrl, apiKey: KEY, ...FAST_POLLING })

    // Catalog: sync, find PUBG 60 UC (5000 in stock), watch it (W on its row).
    await navigate(page, 'catalog')
    await page.getByTestId('catalog-sync').click()
    await expect(page.getByTestId('catalog-sync-result')).toContainText(/Catalog synced: \d+ items/)
    await expect(page.getByTestId('catalog-sync-account')).toHaveAttribute('data-last-sync', /\d{4}-/)
    await page.getByTestId('catalog-search').fill('pubg 60')
    const product = page.locator('[data-testid="catalog-row"][data-product-id="123"]')
    await expect(page.getByTestId('catalog-row').first()).toContainText('PUBG Mobile 60 UC')
    await product.focus()
    await page.keyboard.press('w')
    await expect(product).toHaveAttribute('data-watched', 'true')
    await expect(product.getByTestId('catalog-watch')).toHaveAttribute('aria-pressed', 'true')
    await navigate(page, 'watches')
    const watched = page.locator('[data-testid="watch-row"][data-product-id="123"]')
    await expect(watched.getByTestId('watch-stock')).toHaveText('5000')
    await expect(watched.getByTestId('watch-changed')).toHaveText('No change yet')
    await app.shot('01-watching')

    // The supplier's stock drops to 7; the next sync says so in the window.
    sim.setStock(123, 7)
    await navigate(page, 'catalog')
    await page.getByTestId('catalog-sync').click()
    const toast = page.locator('[data-testid="toast"][data-topic="catalog.changed"]')
    await expect(toast).toContainText(`Stock of PUBG Mobile 60 UC went from 5000 to 7 (${NAME})`)
    await expect(toast).toHaveCount(1)
    await navigate(page, 'watches')
    await expect(watched.getByTestId('watch-stock')).toHaveText('7')
    await expect(watched.getByTestId('watch-changed')).not.toHaveText('No change yet')
    await app.shot('02-stock-change-announced')

    // Out of stock is said plainly; stop watching and the list is empty.
    sim.setStock(123, 0)
    await navigate(page, 'catalog')
    await page.getByTestId('catalog-sync').click()
    await expect(page.locator('[data-testid="toast"][data-topic="catalog.changed"]').filter({ hasText: `PUBG Mobile 60 UC is out of stock now (${NAME})` })).toBeVisible()
    await navigate(page, 'watches')
    await watched.getByTestId('watch-remove').click()
    await expect(page.getByTestId('watched-empty')).toBeVisible()
  })
})
