// The backup pickers of the main process: a folder dialog that can make a folder, a file dialog limited to backups,
// and a cancel that means "nothing chosen".
import { describe, expect, it } from 'vitest'
import { createBackupDialogs, type OpenDialogOptionsLike } from '../../src/main/backup-dialogs'

describe('backup dialogs', () => {
  it('asks for a folder, or for a .rdbackup file, and passes on what the person picked or null when cancelled', async () => {
    const asked: OpenDialogOptionsLike[] = []
    let answer: { canceled: boolean; filePaths: string[] } = { canceled: false, filePaths: ['/media/usb/backups'] }
    const dialogs = createBackupDialogs({ showOpenDialog: async (o) => (asked.push(o), answer), defaultDir: () => '/home/shop/Documents' })
    expect(await dialogs.chooseBackupFolder()).toBe('/media/usb/backups')
    expect(asked[0]).toMatchObject({ defaultPath: '/home/shop/Documents', properties: ['openDirectory', 'createDirectory'] })
    answer = { canceled: false, filePaths: ['/media/usb/backups/shop.rdbackup'] }
    expect(await dialogs.chooseBackupFile()).toBe('/media/usb/backups/shop.rdbackup')
    expect(asked[1]).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['rdbackup'] }] })
    answer = { canceled: true, filePaths: [] }
    expect(await dialogs.chooseBackupFile()).toBeNull()
  })
})
