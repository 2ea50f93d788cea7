// The Settings screen's texts in English, with the backups and restore, and who is at the desk.
import { codesCount } from '../../i18n/common.en'

export const settings = {
  settingsTitle: 'Settings',
  clipboardSeconds: 'Clear the clipboard after copying a code (seconds)',
  clipboardSecondsHint: '0 leaves the code on the clipboard until something else is copied.',
  clipboardSecondsInvalid: 'Enter a whole number of seconds from 0 to 3600.',
  settingsSaved: 'Settings saved.',
  openLogsFolder: 'Open logs folder',
  openLogsFolderHint: 'For support: the app’s log files. They never contain codes, API keys or passphrases.',
  logsFolderUnavailable: 'The logs folder can only be opened in the desktop app.'
}

export const backups = {
  title: 'Backups',
  intro: 'A backup is one file holding your codes, API keys, orders and history. Codes and API keys stay encrypted in it; it opens on any computer with the recovery key (or the passphrase, if the vault has one).',
  folder: 'Backup folder',
  folderDefault: 'Inside the data folder. Choose a USB drive or a synced folder, so a lost or broken computer does not take the backups with it.',
  chooseFolder: 'Choose folder…',
  useDefaultFolder: 'Use the data folder',
  last: 'Last backup',
  never: 'None yet',
  next: 'Next automatic backup',
  lastError: 'Last attempt failed',
  schedule: 'Automatic: daily, and before every update of the data. Kept: 7 daily and 4 weekly.',
  backUpNow: 'Back up now',
  backingUp: 'Backing up…',
  backedUp: (codes: number, file: string): string => `Backed up ${codesCount(codes)} to ${file}.`,
  restore: 'Restore a backup…',
  showKey: 'Show recovery key',
  keyTitle: 'Your recovery key',
  keyText:
    'Write this key down or save it somewhere safe, away from this computer. With it, a backup opens on any computer, even if this one is lost or broken. Without it, and without the passphrase, nobody can open a backup — not even us.',
  keyNewText: 'ResellerDesk made a recovery key for this vault. It is shown now; you can show it again later in Settings → Backups.',
  keySeen: 'I have written it down',
  keyPrompt: 'Write down your recovery key now: without it, a backup cannot be opened on another computer if this one is lost.',
  keyMissing: 'No recovery key yet',
  restoreTitle: (file: string): string => `Restore ${file}`,
  restoreSummary: (createdAt: string, codes: number, orders: number): string => `Made ${createdAt}: ${codesCount(codes)}, ${orders === 1 ? '1 order' : `${orders} orders`}.`,
  restoreWarning: 'The data now on this computer is moved aside to a folder next to it, not deleted.',
  useRecoveryKey: 'Recovery key',
  usePassphrase: 'Passphrase of the backup',
  recoveryKey: 'Recovery key',
  recoveryKeyHint: '9 groups of 4 letters and digits; spaces and dashes do not matter.',
  passphrase: 'Passphrase the vault had when the backup was made',
  newPassphrase: 'New passphrase for this computer',
  newPassphraseHint: 'This computer has no keychain ResellerDesk can use, so the restored data needs a passphrase (at least 8 characters).',
  restoreConfirm: 'Restore',
  restoring: 'Restoring…',
  restored: (movedAside: string | null): string => (movedAside ? `Restored. The previous data is kept in ${movedAside}.` : 'Restored.'),
  damagedTitle: 'Your data cannot be opened',
  newKey: 'Make a new recovery key…',
  newKeyTitle: 'Make a new recovery key?',
  newKeyText:
    'Do this when someone else may have seen the recovery key, or it is lost. The old key stops opening backups made from now on — but backups made before still open with the old key (and not with the new one). Delete those older backups once a new backup has been made if the old key must not open anything.',
  newKeyConfirm: 'Make a new key',
  restoreNow: (codes: number, orders: number): string => `On this computer now: ${codesCount(codes)}, ${orders === 1 ? '1 order' : `${orders} orders`}.`,
  restoreHides: (codes: number, orders: number): string =>
    `After the restore, ${[codes > 0 ? codesCount(codes) : '', orders > 0 ? (orders === 1 ? '1 order' : `${orders} orders`) : ''].filter(Boolean).join(' and ')} on this computer now will not be in ResellerDesk (they stay in the folder moved aside).`,
  thisComputerText: "This backup was made just before an update, on a computer whose keychain protects the data. It opens only on that computer, with its keychain: no key needs typing here."
}

export const profile = {
  title: 'Who is at the desk?',
  text: 'Codes you reveal, copy or export are recorded under your name.',
  known: 'Choose your name',
  newName: 'Or type your name',
  yourName: 'Your name',
  newNamePlaceholder: 'e.g. Amina',
  continue: 'Continue',
  nameRequired: 'Enter your name.',
  nameTooLong: 'Use at most 60 characters.',
  switchTitle: 'Switch staff member',
  switched: (name: string) => `${name} is now at the desk.`,
  demoNote: 'Demo mode — simulated suppliers, no real money.'
}
