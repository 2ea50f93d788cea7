import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/core/errors'
import { createShellServices, exportDialogOptions } from '../../src/main/export-dialog'
import { createQuitGuard, startFailureMessage } from '../../src/main/lifecycle'

describe('start-up failure', () => {
  it('shows our own message as is, and a plain message under a reassurance otherwise', () => {
    expect(startFailureMessage(new AppError('VAULT_CORRUPT', 'The vault file is damaged.'))).toBe('The vault file is damaged.')
    expect(startFailureMessage(new Error('database disk image is malformed'))).toBe(
      'Something unexpected stopped ResellerDesk from starting. Nothing was bought or lost.\n\ndatabase disk image is malformed'
    )
    expect(startFailureMessage('boom')).toBe('Something unexpected stopped ResellerDesk from starting. Nothing was bought or lost.')
  })
})

describe('quitting', () => {
  function quitEvent() {
    const e = { prevented: 0, preventDefault: () => void e.prevented++ }
    return e
  }

  it('holds the first quit until the host has stopped, then quits once', async () => {
    const log: string[] = []
    let finishStop: () => void = () => undefined
    const guard = createQuitGuard({
      stop: () => new Promise<void>((r) => (finishStop = () => (log.push('stopped'), r()))),
      quit: () => log.push('quit')
    })
    const first = quitEvent()
    guard(first)
    const second = quitEvent()
    guard(second) // a second Quit click while stopping
    expect([first.prevented, second.prevented]).toEqual([1, 1])
    finishStop()
    await new Promise((r) => setImmediate(r))
    expect(log).toEqual(['stopped', 'quit'])
    const last = quitEvent()
    guard(last) // the quit() we called comes back through before-quit
    expect(last.prevented).toBe(0)
  })

  it('quits even when stopping fails or hangs', async () => {
    const errors: unknown[] = []
    const quitAfterFailure = new Promise<void>((quit) => {
      createQuitGuard({ stop: async () => { throw new Error('db busy') }, quit, onError: (e) => errors.push(e) })(quitEvent())
    })
    const quitAfterHang = new Promise<void>((quit) => {
      createQuitGuard({ stop: () => new Promise<void>(() => undefined), quit, timeoutMs: 1 })(quitEvent())
    })
    await Promise.all([quitAfterFailure, quitAfterHang])
    expect(errors).toHaveLength(1)
  })
})

describe('the export save dialog', () => {
  it('suggests the core’s file name in Documents, CSV only', () => {
    expect(exportDialogOptions('/home/ana/Documents', 'codes-2026-11-01.csv')).toEqual({
      title: 'Export codes',
      buttonLabel: 'Export',
      defaultPath: '/home/ana/Documents/codes-2026-11-01.csv',
      filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation']
    })
    expect(exportDialogOptions('/home/ana/Documents', '../../etc/cron.d/x.csv').defaultPath).toBe('/home/ana/Documents/x.csv')
  })

  it('returns the chosen path, or null when cancelled', async () => {
    const chosen = createShellServices({ showSaveDialog: async () => ({ canceled: false, filePath: '/tmp/out.csv' }), copyToClipboard: async () => undefined, defaultDir: () => '/d' })
    expect(await chosen.chooseExportPath('codes.csv')).toBe('/tmp/out.csv')
    const cancelled = createShellServices({ showSaveDialog: async () => ({ canceled: true, filePath: '' }), copyToClipboard: async () => undefined, defaultDir: () => '/d' })
    expect(await cancelled.chooseExportPath('codes.csv')).toBeNull()
  })
})
