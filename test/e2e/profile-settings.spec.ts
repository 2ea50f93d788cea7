// Who is at the desk, the clipboard setting, and an account's low-balance threshold: set in the UI, seen in the
// audit log, the copy confirmation and the balance chip.
import { expect, navigate, test } from './fixtures'
import { chooseProfile } from './helpers'

test.describe('staff profile and settings', () => {
  test.use({ mode: 'demo' })

  test('copies and reveals are audited under whoever is at the desk; the clipboard clears after the set delay', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Amina')

    // Settings: a bad value is refused in words, a good one is saved.
    await navigate(page, 'settings')
    const seconds = page.getByTestId('settings-clipboard-seconds')
    await expect(seconds).toHaveValue('30')
    await seconds.fill('soon')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('settings-clipboard-seconds-error')).toHaveText('Enter a whole number of seconds from 0 to 3600.')
    await seconds.fill('2')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('toast').filter({ hasText: 'Settings saved.' })).toBeVisible()

    // An account's low-balance threshold, edited: the demo balance (500) is now below it.
    await navigate(page, 'accounts')
    const row = page.getByTestId('account-row').first()
    await row.getByTestId('account-edit').click()
    const edit = page.getByTestId('account-edit-dialog')
    await edit.getByTestId('account-edit-threshold').fill('lots')
    await edit.getByTestId('account-edit-save').click()
    await expect(edit.getByTestId('account-edit-threshold-error')).toHaveText('Enter an amount such as 50 or 12.50.')
    await edit.getByTestId('account-edit-threshold').fill('1000')
    await app.shot('01-edit-account')
    await edit.getByTestId('account-edit-save').click()
    await expect(edit).toHaveCount(0)
    await expect(row.getByTestId('account-threshold-value')).toHaveText('1,000.00 USDT')
    await expect(page.getByTestId('balance-chip').first()).toHaveAttribute('data-low', 'true')
    await app.shot('02-settings-and-threshold')

    // Buy two codes from the demo supplier.
    await navigate(page, 'catalog')
    await page.getByTestId('catalog-search').fill('pubg 60')
    await page.locator('[data-testid="catalog-row"][data-product-id="123"]').getByTestId('catalog-buy').click()
    await page.getByTestId('buy-quantity').fill('2')
    await page.getByTestId('buy-review').click()
    await page.getByTestId('plan-confirm').click()
    await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-done', 'true', { timeout: 30_000 })
    await page.getByTestId('batch-view-codes').click()
    await expect(page.getByTestId('code-row')).toHaveCount(2)

    // Amina copies one: the confirmation gives the delay, and the clipboard is empty again after it.
    const [first, second] = [page.getByTestId('code-row').nth(0), page.getByTestId('code-row').nth(1)]
    const firstId = (await first.getAttribute('data-code-id'))!
    await first.getByTestId('code-copy').click()
    await expect(page.getByTestId('toast').filter({ hasText: 'Copied — clears in 2 s' })).toBeVisible()
    // The copy happened (whenever the test gets to look), and the clipboard is then emptied by the 2 s delay.
    await expect.poll(() => app.clipboard.copied.length).toBe(1)
    expect(app.clipboard.copied[0]).toMatch(/\S/)
    await expect.poll(() => app.clipboard.text, { timeout: 10_000 }).toBeNull()

    // Karim takes over the desk (a new name), reveals the other code.
    await page.getByTestId('profile-switch').click()
    const dialog = page.getByTestId('profile-dialog')
    await dialog.getByTestId('profile-new-name').fill('Karim')
    await app.shot('03-switch-profile')
    await dialog.getByTestId('profile-submit').click()
    await expect(page.getByTestId('profile-current')).toHaveAttribute('data-name', 'Karim')
    await expect(page.getByTestId('toast').filter({ hasText: 'Karim is now at the desk.' })).toBeVisible()
    const secondId = (await second.getAttribute('data-code-id'))!
    await second.getByTestId('code-reveal-toggle').click()
    await expect(second.getByTestId('code-plain')).toBeVisible()

    // Amina is offered by name when the desk changes hands again.
    await page.getByTestId('profile-switch').click()
    await page.locator('[data-testid="profile-option"][data-name="Amina"]').click()
    await expect(page.getByTestId('profile-current')).toHaveAttribute('data-name', 'Amina')
    await app.shot('04-back-to-amina')

    const storage = app.host.current().storage
    expect(storage.audit.forSubject('code', firstId).map((e) => `${e.actor}:${e.action}`)).toEqual(['Amina:code.copy'])
    expect(storage.audit.forSubject('code', secondId).map((e) => `${e.actor}:${e.action}`)).toEqual(['Karim:code.reveal'])
  })
})
