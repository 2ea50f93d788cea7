// The codes slice's part of the contract. Paths come from the shell (a save dialog, or the CLI's --out), never
// from the message: the window cannot name a file to write.
import type { codesChannels } from '../../shared/contract'
import type { HandlersOf } from '../handler-types'
import type { CodeService } from './code-service'

export type CodesChannel = keyof typeof codesChannels

export interface CodesShell {
  chooseExportPath(defaultFileName: string): Promise<string | null>
  copyToClipboard(text: string, clearAfterMs: number): Promise<void>
}

export function codesHandlers(codes: CodeService, shell: CodesShell, clipboardClearSeconds: () => number, now: () => Date): HandlersOf<CodesChannel> {
  return {
    'codes.list': async (i) => codes.list(i.filter, i.limit),
    'codes.reveal': async (i) => codes.reveal(i.codeId),
    'codes.copy': async (i) => codes.copy(i.codeId, (t, ms) => shell.copyToClipboard(t, ms), clipboardClearSeconds()),
    'codes.export': async (i) => {
      const stamp = now().toISOString().slice(0, 16).replace(/[:T]/g, '-')
      const path = await shell.chooseExportPath(`codes-${stamp}.csv`)
      if (!path) return { status: 'cancelled' as const }
      const r = codes.exportCsvDetailed(path, i.filter, { markExported: i.markExported, bom: i.bom, columns: i.columns })
      return { status: 'written' as const, path, count: r.count, marked: r.marked, leftOut: r.leftOut }
    },
    'codes.mark': async (i) => codes.mark(i),
    'codes.find': async (i) => ({ ids: codes.find(i.prefixes) })
  }
}
