import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { routeConsole, rotateLogs, setupMainLog, type ElectronLogLike } from '../../src/main/logging'
import type { LogLevel } from '../../src/core/log'

function fakeElectronLog() {
  const written: { level: LogLevel; text: string }[] = []
  const log: ElectronLogLike = {
    transports: {
      file: { level: 'silly', format: '[{y}] {text}', maxSize: 0, resolvePathFn: () => '', archiveLogFn: () => undefined, getFile: () => ({ path: '' }) },
      console: { level: 'silly', format: '' }
    },
    debug: (text) => written.push({ level: 'debug', text }),
    info: (text) => written.push({ level: 'info', text }),
    warn: (text) => written.push({ level: 'warn', text }),
    error: (text) => written.push({ level: 'error', text })
  }
  return { log, written }
}

let dirs: string[] = []
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
  dirs = []
})

describe('the main-process log file', () => {
  it('writes main.log in the logs folder, 1 MiB per file, in the shared line format, terminal off when packaged', () => {
    const { log, written } = fakeElectronLog()
    const logger = setupMainLog({ log, logsDir: '/home/ana/.config/ResellerDesk/logs', isPackaged: true })
    expect(log.transports.file.resolvePathFn(undefined as never)).toBe(join('/home/ana/.config/ResellerDesk/logs', 'main.log'))
    expect(log.transports.file.maxSize).toBe(1024 * 1024)
    expect(log.transports.file.format).toBe('{text}')
    expect(log.transports.console.level).toBe(false)
    logger.info('order 1 settled completed')
    logger.debug('balances refreshed') // below the file's level: dropped
    expect(written).toHaveLength(1)
    expect(written[0]!.level).toBe('info')
    expect(written[0]!.text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info  order 1 settled completed$/)
  })

  it('shows the same lines in the terminal during development', () => {
    const { log } = fakeElectronLog()
    setupMainLog({ log, logsDir: '/l', isPackaged: false })
    expect(log.transports.console.level).toBe('debug')
  })

  it('rotates through four archives, dropping the oldest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rd-logs-'))
    dirs.push(dir)
    const main = join(dir, 'main.log')
    for (let round = 1; round <= 6; round++) {
      writeFileSync(main, `round ${round}\n`)
      rotateLogs(main)
    }
    expect(existsSync(main)).toBe(false) // electron-log starts it afresh
    expect([1, 2, 3, 4].map((n) => readFileSync(join(dir, `main.${n}.log`), 'utf8'))).toEqual(['round 6\n', 'round 5\n', 'round 4\n', 'round 3\n'])
    expect(existsSync(join(dir, 'main.5.log'))).toBe(false)
  })

  it('rotates through the hook electron-log calls when the file is full', () => {
    const { log } = fakeElectronLog()
    const rotated: string[] = []
    setupMainLog({ log, logsDir: '/l', isPackaged: true, rotate: (p) => rotated.push(p) })
    log.transports.file.archiveLogFn({ path: '/l/main.log' })
    expect(rotated).toEqual(['/l/main.log'])
  })

  it('never lets a failed rotation throw', () => {
    expect(() =>
      rotateLogs('/l/main.log', 4, {
        existsSync: () => true,
        rmSync: () => undefined,
        renameSync: () => {
          throw new Error('EACCES')
        }
      })
    ).not.toThrow()
  })

  it('sends console output to the log, strings and error messages only', () => {
    const lines: string[] = []
    const logger = { debug: (m: string) => lines.push(`debug ${m}`), info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`), error: (m: string) => lines.push(`error ${m}`) }
    const noop = (..._args: unknown[]): void => undefined
    const target = { log: noop, info: noop, warn: noop, error: noop }
    routeConsole(logger, target)
    target.warn('Tray:', new Error('no icon'))
    target.error('request failed', { headers: { 'X-API-Key': 'dh_live_secret' } }, 3)
    target.info('Vault: no keyring.')
    expect(lines).toEqual(['warn Tray: no icon', 'error request failed [object] 3', 'info Vault: no keyring.'])
  })
})
