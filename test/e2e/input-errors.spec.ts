// What a person is told when what they typed cannot work: in plain words, next to the box, before anything is sent.
import { startDigetalHubeSim, type DigetalHubeSim } from '../../src/sim/index'
import { expect, test } from './fixtures'
import { addDigetalHubeAccount, chooseProfile, FAST_POLLING, syncSearchAndBuy, testResultOf } from './helpers'

const KEY = 'dh_inputs'

test.describe('input errors', () => {
  let sim: DigetalHubeSim
  test.beforeEach(async () => {
    sim = await startDigetalHubeSim({ speed: 200, rateLimits: false, accounts: [{ apiKey: KEY, balance: '500.00' }] })
  })
  test.afterEach(async () => {
    await sim.close()
  })

  test('a negative or decimal quantity is refused with a clear message, and Review sends nothing', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Amina')
    await addDigetalHubeAccount(page, { name: 'DH', baseUrl: sim.baseUrl, apiKey: KEY, ...FAST_POLLING })
    await syncSearchAndBuy(page, 'pubg 60', '123')

    const quantity = page.getByTestId('buy-quantity')
    const error = page.getByTestId('buy-quantity-error')
    await quantity.fill('-5')
    await expect(error).toHaveText('Quantity cannot be negative.')
    await expect(quantity).toHaveAttribute('aria-invalid', 'true')
    await app.shot('01-negative-quantity')

    await quantity.fill('2.5')
    await expect(error).toHaveText('Quantity must be a whole number (no decimals).')
    await page.getByTestId('buy-review').click()
    await expect(page.getByTestId('buy-error')).toHaveText('Correct the highlighted fields first.')
    await expect(page.getByTestId('plan')).toHaveCount(0)
    await app.shot('02-decimal-quantity-blocks-review')

    await quantity.fill('0')
    await page.getByTestId('buy-review').click()
    await expect(error).toHaveText('Quantity must be at least 1.')

    // Typed right, the error goes and the plan comes; nothing was sent to the supplier at any point.
    await quantity.fill('3')
    await expect(error).toHaveCount(0)
    await page.getByTestId('buy-review').click()
    await expect(page.getByTestId('plan')).toHaveAttribute('data-can-place', 'true')
    expect(sim.orders(KEY)).toHaveLength(0)
  })

  test('a wrong API key: the connection test says so in plain words', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Amina')
    const row = await addDigetalHubeAccount(page, { name: 'DH wrong key', baseUrl: sim.baseUrl, apiKey: 'dh_not_the_key' })
    const result = await testResultOf(page, row)
    await expect(result).toHaveAttribute('data-ok', 'false')
    await expect(result).toContainText('Failed')
    await expect(result).toContainText('DigetalHube rejected the API key. Check the key in the account settings')
    await expect(result.getByTestId('account-test-balance')).toHaveCount(0)
    await app.shot('01-wrong-api-key')

    // The button gives the same answer when pressed again.
    await row.getByTestId('account-test').click()
    await expect(result).toContainText('rejected the API key')
  })

  test('a basket the balance cannot pay: Confirm is disabled and says why', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Amina')
    await addDigetalHubeAccount(page, { name: 'DH', baseUrl: sim.baseUrl, apiKey: KEY, ...FAST_POLLING })
    await syncSearchAndBuy(page, 'pubg 60', '123')

    // 500 × 1.05 = 525.00 USDT against a balance of 500.00.
    await page.getByTestId('buy-quantity').fill('500')
    await page.getByTestId('buy-review').click()
    const plan = page.getByTestId('plan')
    await expect(plan).toHaveAttribute('data-can-place', 'false')
    await expect(plan.getByTestId('plan-account-cost')).toHaveText('525.00 USDT')
    await expect(plan.getByTestId('plan-sufficient')).toHaveAttribute('data-sufficient', 'false')
    await expect(plan.locator('[data-testid="plan-problem"][data-code="INSUFFICIENT_BALANCE"]')).toBeVisible()
    const confirm = plan.getByTestId('plan-confirm')
    await expect(confirm).toBeDisabled()
    const reason = plan.getByTestId('plan-confirm-reason')
    await expect(reason).toContainText('Confirm is unavailable')
    await expect(reason).toContainText(/DH needs 525(\.00)? USDT but has 500(\.00)? USDT/)
    await expect(confirm).toHaveAttribute('aria-describedby', 'plan-confirm-reason')
    await app.shot('01-insufficient-balance')
    expect(sim.orders(KEY)).toHaveLength(0)
  })
})
