// The core's ShellServices in the app. Exports are written by the main process after the person picks the file
// in a native save dialog, so the renderer never chooses a path (nor sees the codes).
import { basename, join } from 'node:path'
import type { ShellServices } from '../core/app/shell'
import { strings } from './strings'

export interface SaveDialogOptionsLike {
  title: string
  buttonLabel: string
  defaultPath: string
  filters: { name: string; extensions: string[] }[]
  properties: ('createDirectory' | 'showOverwriteConfirmation')[]
}

export interface ExportDialogDeps {
  /** dialog.showSaveDialog, bound to the app window when there is one (the dialog is then modal to it). */
  showSaveDialog: (options: SaveDialogOptionsLike) => Promise<{ canceled: boolean; filePath?: string }>
  /** Where the dialog opens: app.getPath('documents'). */
  defaultDir: () => string
  /** Writes the clipboard and clears it later (see clipboard.ts). */
  copyToClipboard: ShellServices['copyToClipboard']
  /** shell.openPath(app.getPath('logs')): resolves to '' when it worked, an error text otherwise. */
  openPath?: (path: string) => Promise<string>
  logsDir?: () => string
}

export function exportDialogOptions(defaultDir: string, defaultFileName: string): SaveDialogOptionsLike {
  return {
    title: strings.exportDialogTitle,
    buttonLabel: strings.exportDialogButton,
    // basename: the name comes from the core, but a path in it must never pick the folder.
    defaultPath: join(defaultDir, basename(defaultFileName)),
    filters: [{ name: strings.csvFilterName, extensions: ['csv'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation']
  }
}

export function createShellServices(deps: ExportDialogDeps): ShellServices {
  return {
    async chooseExportPath(defaultFileName) {
      const result = await deps.showSaveDialog(exportDialogOptions(deps.defaultDir(), defaultFileName))
      return result.canceled || !result.filePath ? null : result.filePath
    },
    copyToClipboard: deps.copyToClipboard,
    ...(deps.openPath && deps.logsDir
      ? { openLogsFolder: async () => (await deps.openPath!(deps.logsDir!())) === '' }
      : {})
  }
}
