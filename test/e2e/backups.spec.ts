// Settings → Backups in live mode: the recovery key asked for until written down, the first daily backup made at
// start, a backup folder chosen, "Back up now", and the last-backup time on screen — the file really there and whole.
import { existsSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { openBackupFile } from '../../src/core/backup/backup-file'
import { expect, navigate, test } from './fixtures'
import { chooseProfile } from './helpers'

test.describe('backups and the recovery key', () => {
  test('shows the recovery key until it is written down, backs up now into the chosen folder and shows when', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Samir')

    // A new vault: the strip asks for the recovery key to be written down, on every screen, until it is.
    const prompt = page.getByTestId('recovery-key-prompt')
    await expect(prompt).toBeVisible()
    await prompt.getByTestId('recovery-key-prompt-show').click()
    const dialog = page.getByTestId('recovery-key-dialog')
    const words = dialog.getByTestId('recovery-key-words')
    await expect(words).toHaveText(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/)
    expect(await words.textContent()).toBe(app.host.current().backups.revealRecoveryKey())
    await app.shot('01-recovery-key')
    await dialog.getByTestId('recovery-key-seen').click()
    await expect(dialog).toHaveCount(0)
    await expect(prompt).toHaveCount(0)

    await navigate(page, 'settings')
    const panel = page.getByTestId('backups-panel')
    // The daily backup ran when the vault opened, into the data folder's own folder until another is chosen.
    const first = await app.host.current().backups.idle().then(() => app.host.current().backups.status().last)
    expect(first?.file).toContain(app.host.info().dataDir)
    await panel.getByTestId('backup-choose-folder').click()
    await expect(panel.getByTestId('backup-folder')).toContainText('backup-drive')

    await panel.getByTestId('backup-now').click()
    await expect(page.getByTestId('toast').filter({ hasText: /Backed up 0 codes to .*backup-drive/ })).toBeVisible()
    const last = panel.getByTestId('backup-last')
    await expect(last).not.toHaveAttribute('data-at', first!.at)
    await expect(last).not.toHaveText('None yet')
    const at = await last.getAttribute('data-at')
    const status = app.host.current().backups.status()
    expect(status.last?.at).toBe(at)
    // The file is where the panel says, whole, and named for this vault's series.
    const file = status.last!.file
    expect(basename(dirname(file))).toBe('backup-drive')
    expect(existsSync(file)).toBe(true)
    expect(openBackupFile(file).header.reason).toBe('manual')
    await app.shot('02-backed-up')

    // Restore shows what is on this computer now beside what the backup holds, before anything happens; cancel.
    await panel.getByTestId('backup-restore').click()
    const restore = page.getByTestId('restore-dialog')
    await expect(restore.getByTestId('restore-current')).toHaveText('On this computer now: 0 codes, 0 orders.')
    await restore.getByRole('button', { name: 'Cancel' }).click()
    await expect(restore).toHaveCount(0)

    // A new recovery key: warned that older backups still open with the old one, then shown to be written down.
    const oldWords = app.host.current().backups.revealRecoveryKey()
    await panel.getByTestId('backup-new-key').click()
    const confirm = page.getByTestId('new-key-dialog')
    await expect(confirm).toContainText('backups made before still open with the old key')
    await confirm.getByTestId('new-key-confirm').click()
    const shown = page.getByTestId('recovery-key-dialog').getByTestId('recovery-key-words')
    await expect(shown).toHaveText(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/)
    const newWords = await shown.textContent()
    expect(newWords).not.toBe(oldWords)
    expect(newWords).toBe(app.host.current().backups.revealRecoveryKey())
    await expect(page.getByTestId('recovery-key-prompt')).toBeVisible() // not written down yet
    await page.getByTestId('recovery-key-dialog').getByTestId('recovery-key-seen').click()
    await expect(page.getByTestId('recovery-key-prompt')).toHaveCount(0)
  })
})
