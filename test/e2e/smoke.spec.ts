import { expect, test } from './fixtures'

test.describe('first start', () => {
  test.use({ mode: 'demo' })

  test('opens in demo mode with simulated suppliers and their balances', async ({ page, app }) => {
    await app.open()
    await expect(page.getByTestId('mode-badge')).toContainText(/demo/i)
    await expect(page.getByTestId('balances-summary')).toContainText('USDT')
    await app.shot('demo-start')
  })
})
