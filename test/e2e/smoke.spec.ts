import { expect, test } from './fixtures'
import { chooseProfile } from './helpers'

test.describe('first start', () => {
  test.use({ mode: 'demo' })

  test('opens in demo mode with simulated suppliers and their balances', async ({ page, app }) => {
    await app.open()
    // Before anything else: who is at the desk (the demo is labelled as such already here).
    await expect(page.getByTestId('mode-badge')).toContainText(/demo/i)
    await app.shot('profile-picker')
    await chooseProfile(page, 'Karim')
    await expect(page.getByTestId('mode-badge')).toContainText(/demo/i)
    await expect(page.getByTestId('balances-summary')).toContainText('USDT')
    await app.shot('demo-start')
  })
})
