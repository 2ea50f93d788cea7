// Crash handling and updates, with fakes of Electron's crashReporter and electron-updater's autoUpdater.
import { describe, expect, it } from 'vitest'
import type { Logger } from '../../src/core/log'
import { createMainErrorHandler, createRendererRecovery, describeChildGone, startLocalCrashReporter } from '../../src/main/crash'
import { createUpdateController, DAY_MS, updatesAvailable, type UpdaterLike } from '../../src/main/updates'

function memoryLogger() {
  const lines: string[] = []
  const logger: Logger = {
    debug: (m) => lines.push(`debug ${m}`),
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`)
  }
  return { lines, logger }
}

describe('crashes', () => {
  it('keeps crash dumps on this computer: nothing is uploaded', () => {
    const started: unknown[] = []
    startLocalCrashReporter({ start: (o) => void started.push(o) })
    expect(started).toEqual([{ submitURL: '', uploadToServer: false, compress: true }])
  })

  it('logs a dead window, reloads it once and tells the person; a second death soon after is not reloaded', () => {
    const { lines, logger } = memoryLogger()
    let t = 1_000
    const events: string[] = []
    const recover = createRendererRecovery({
      logger,
      reload: () => events.push('reload'),
      notify: (title) => events.push(`notify: ${title}`),
      isQuitting: () => false,
      now: () => t,
      windowMs: 60_000
    })
    recover({ reason: 'crashed', exitCode: 139 })
    expect(events).toEqual(['reload', 'notify: The window was reloaded'])
    t += 5_000
    recover({ reason: 'oom', exitCode: 1 })
    expect(events.slice(2)).toEqual(['notify: The ResellerDesk window stopped again'])
    expect(lines.filter((l) => l.startsWith('error window renderer gone'))).toEqual([
      'error window renderer gone: crashed (exit code 139)',
      'error window renderer gone: oom (exit code 1)',
      'error window renderer gone again soon after a reload: not reloading'
    ])
    // Long after, a new crash is reloaded again.
    t += 120_000
    recover({ reason: 'crashed', exitCode: 139 })
    expect(events.at(-2)).toBe('reload')
  })

  it('does not reload a window that exited cleanly or while quitting', () => {
    const events: string[] = []
    const { logger } = memoryLogger()
    let quitting = false
    const recover = createRendererRecovery({ logger, reload: () => events.push('reload'), notify: () => events.push('notify'), isQuitting: () => quitting })
    recover({ reason: 'clean-exit', exitCode: 0 })
    quitting = true
    recover({ reason: 'killed', exitCode: 9 })
    expect(events).toEqual([])
  })

  it('describes a dead helper process for the log', () => {
    expect(describeChildGone({ type: 'GPU', reason: 'crashed', exitCode: 11 })).toBe('child process gone: GPU (GPU), crashed, exit code 11')
    expect(describeChildGone({ type: 'Utility', reason: 'oom', exitCode: 1, name: 'Network Service' })).toBe('child process gone: Network Service (Utility), oom, exit code 1')
  })

  it('logs an uncaught main-process error with its stack and shows one dialog at a time', async () => {
    const { lines, logger } = memoryLogger()
    const shown: string[] = []
    let close: () => void = () => undefined
    const handle = createMainErrorHandler({ logger, showError: (title, body) => new Promise<void>((r) => (shown.push(`${title}|${body}`), (close = r))) })
    handle(new TypeError('cannot read x of undefined'), 'uncaught exception')
    handle(new TypeError('cannot read x of undefined'), 'uncaught exception') // the same failure again, at once
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^error uncaught exception in the main process: TypeError: cannot read x of undefined ⏎ TypeError: cannot read x/)
    expect(shown).toHaveLength(1)
    expect(shown[0]).toContain('Your orders and codes are safe')
    close()
    await new Promise((r) => setImmediate(r))
    handle('plain string', 'unhandled rejection')
    expect(shown).toHaveLength(2)
  })
})

function fakeUpdater() {
  const listeners = new Map<string, (arg: never) => void>()
  const calls: string[] = []
  const updater: UpdaterLike = {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    logger: 'default',
    checkForUpdates: async () => void calls.push('check'),
    quitAndInstall: () => void calls.push('install'),
    on: ((event: string, l: (arg: never) => void) => listeners.set(event, l)) as UpdaterLike['on']
  }
  const emit = (event: string, arg: unknown): void => listeners.get(event)!(arg as never)
  return { updater, calls, emit }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r))
}

describe('updates', () => {
  function controller(opts: { enabled?: boolean; inFlight?: number[]; answer?: boolean } = {}) {
    const { updater, calls, emit } = fakeUpdater()
    const { lines, logger } = memoryLogger()
    const inFlight = [...(opts.inFlight ?? [0])]
    const told: string[] = []
    let settle: () => void = () => undefined
    const intervals: number[] = []
    const c = createUpdateController({
      updater,
      logger,
      enabled: () => opts.enabled ?? true,
      ordersInFlight: async () => (inFlight.length > 1 ? inFlight.shift()! : inFlight[0]!),
      ask: async () => opts.answer ?? true,
      tell: (m) => void told.push(m),
      whenNoOrdersInFlight: () => new Promise<void>((r) => (settle = r)),
      setInterval: (_fn, ms) => intervals.push(ms)
    })
    return { c, updater, calls, emit, lines, told, settle: () => settle(), intervals }
  }

  it('downloads in the background and never installs on its own', () => {
    const { updater } = controller()
    expect(updater.autoDownload).toBe(true)
    expect(updater.autoInstallOnAppQuit).toBe(false)
  })

  it('checks at start and then daily, only when enabled', async () => {
    const on = controller()
    on.c.start()
    await flush()
    expect(on.calls).toEqual(['check'])
    expect(on.intervals).toEqual([DAY_MS])
    const off = controller({ enabled: false })
    off.c.start()
    await off.c.check()
    expect(off.calls).toEqual([])
  })

  it('restarts to install when the person agrees and no order is in flight', async () => {
    const { emit, calls } = controller({ answer: true })
    emit('update-downloaded', { version: '1.2.0' })
    await flush()
    expect(calls).toEqual(['install'])
  })

  it('keeps the update for later when the person says Later', async () => {
    const { emit, calls, lines } = controller({ answer: false })
    emit('update-downloaded', { version: '1.2.0' })
    await flush()
    expect(calls).toEqual([])
    expect(lines).toContain('info update postponed by the user')
  })

  it('waits for orders in flight to settle before restarting, and says so', async () => {
    const x = controller({ answer: true, inFlight: [2, 0] })
    x.emit('update-downloaded', { version: '1.2.0' })
    await flush()
    expect(x.calls).toEqual([])
    expect(x.told).toEqual(['The update will be installed once the orders in progress have finished.'])
    x.settle()
    await flush()
    expect(x.calls).toEqual(['install'])
  })

  it('logs a failed check without throwing', async () => {
    const x = controller()
    x.updater.checkForUpdates = async () => {
      throw new Error('net::ERR_INTERNET_DISCONNECTED')
    }
    await x.c.check()
    x.emit('error', new Error('feed unreachable'))
    expect(x.lines).toEqual(['warn update check failed: net::ERR_INTERNET_DISCONNECTED', 'warn update check failed: feed unreachable'])
  })

  it('is available only in a packaged build with a feed, unless the shop turned it off', () => {
    expect(updatesAvailable({ isPackaged: true, hasFeed: true, env: {} })).toBe(true)
    expect(updatesAvailable({ isPackaged: false, hasFeed: true, env: {} })).toBe(false)
    expect(updatesAvailable({ isPackaged: true, hasFeed: false, env: {} })).toBe(false)
    expect(updatesAvailable({ isPackaged: true, hasFeed: true, env: { RESELLERDESK_NO_UPDATES: '1' } })).toBe(false)
  })
})
