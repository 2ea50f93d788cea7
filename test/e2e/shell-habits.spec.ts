// What the shell work shows in the window itself: the title names the screen (Electron's window title follows
// it), and Settings → "Open logs folder" answers even where there is no logs folder (the test bridge, like the
// CLI, has none: the desktop app opens it; see test/unit/main-desktop.test.ts).
import { expect, navigate, test } from './fixtures'
import { chooseProfile } from './helpers'

test.describe('window title and logs folder', () => {
  test.use({ mode: 'demo' })

  test('the title follows the screen; Open logs folder says it needs the desktop app here', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Yusuf')
    await navigate(page, 'codes')
    await expect(page).toHaveTitle('Codes — ResellerDesk')
    await navigate(page, 'accounts')
    await expect(page).toHaveTitle('Accounts — ResellerDesk')
    await navigate(page, 'settings')
    await expect(page).toHaveTitle('Settings — ResellerDesk')
    await page.getByTestId('settings-open-logs').click()
    await expect(page.getByTestId('settings-logs-note')).toHaveText('The logs folder can only be opened in the desktop app.')
  })
})
