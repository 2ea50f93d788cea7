// What the core needs from whatever hosts it (the Electron shell, the test bridge, the CLI), injected so the
// core never imports electron and every behaviour stays testable in plain Node.
export interface ShellServices {
  /** Ask the person where to save an export (Electron: a save dialog). null when they cancel. */
  chooseExportPath(defaultFileName: string): Promise<string | null>
  /**
   * Put text on the OS clipboard and clear it after `clearAfterMs` (0 = never) unless something else was copied
   * meanwhile.
   */
  copyToClipboard(text: string, clearAfterMs: number): Promise<void>
  /** Ask the person for a folder for automatic backups (Electron: an open-folder dialog). null when they cancel. */
  chooseBackupFolder?(): Promise<string | null>
  /** One file `backup.create` writes to instead of the backup folder's rotation (the CLI's `backup create --to`). */
  backupTo?: string
  /** Ask the person for a backup file to restore (Electron: an open-file dialog). null when they cancel. */
  chooseBackupFile?(): Promise<string | null>
  /** Open the app's logs folder in the file manager; false when it could not be opened. Only the desktop app has
   *  one (the CLI logs to stderr with --verbose). */
  openLogsFolder?(): Promise<boolean>
}
