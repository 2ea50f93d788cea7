// What the start-up cleanup of killed exports may and may not touch: only the temp file an export recorded, only
// for exports whose process is gone; a file that landed gets its codes marked, one that did not is abandoned.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { exportTempPath, fileDigest } from '../../src/core/codes/csv'
import { fixture } from './workflow-fixture'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'rd-export-rec-'))
  dirs.push(d)
  return d
}
const DEAD = () => false

function planted() {
  const f = fixture()
  const dh = f.addAccount({ name: 'DH' })
  const order = f.addOrder({ accountId: dh, quantity: 3, unitPrice: '1.05' })
  const ids = f.addCodes(order.id, 3)
  return { f, ids }
}

function record(f: ReturnType<typeof fixture>, target: string, ids: string[], token: string, pid = 999_999) {
  const tempPath = exportTempPath(target, token)
  f.storage.exports.insert({ id: token, targetPath: target, tempPath, codeIds: ids, markExported: true, detail: {}, actor: 'Amina', pid, createdAt: f.clock.iso() })
  return tempPath
}

describe('recovering killed exports', () => {
  it('a half-written export: its temp file is removed, nothing is marked, the target is untouched', () => {
    const { f, ids } = planted()
    const d = dir()
    const target = join(d, 'codes.csv')
    writeFileSync(target, 'an older export the user keeps\r\n')
    const temp = record(f, target, ids, 'aaaaaaaaaaaaaaaaaaaaaaaa')
    writeFileSync(temp, 'code\r\nCODE-PARTIAL')
    expect(f.codes.recoverExports(DEAD)).toEqual({ completed: 0, abandoned: 1, leftOpen: 0, uncertain: 0 })
    expect(existsSync(temp)).toBe(false)
    expect(readFileSync(target, 'utf8')).toBe('an older export the user keeps\r\n')
    expect(f.storage.codes.list({ state: 'exported' }, 10)).toEqual([])
    expect(f.storage.exports.get('aaaaaaaaaaaaaaaaaaaaaaaa')?.state).toBe('abandoned')
  })

  it('a file that landed before its codes were marked: the codes are marked and the export audited', () => {
    const { f, ids } = planted()
    const target = join(dir(), 'codes.csv')
    record(f, target, ids, 'bbbbbbbbbbbbbbbbbbbbbbbb')
    writeFileSync(target, 'code\r\nA\r\nB\r\nC\r\n')
    f.storage.exports.written('bbbbbbbbbbbbbbbbbbbbbbbb', fileDigest(target)!)
    expect(f.codes.recoverExports(DEAD)).toEqual({ completed: 1, abandoned: 0, leftOpen: 0, uncertain: 0 })
    expect(f.storage.codes.list({ state: 'exported' }, 10).map((c) => c.id).sort()).toEqual([...ids].sort())
    expect(f.storage.audit.list({ subjectType: 'export', limit: 10 })).toEqual([expect.objectContaining({ action: 'codes.export', subjectId: 'bbbbbbbbbbbbbbbbbbbbbbbb', detail: expect.objectContaining({ count: 3, recovered: 'the file was in place' }) })])
  })

  it('leaves alone an export whose process still runs, and files it did not record', () => {
    const { f, ids } = planted()
    const d = dir()
    const target = join(d, 'codes.csv')
    const temp = record(f, target, ids, 'cccccccccccccccccccccccc', 4242)
    writeFileSync(temp, 'code\r\n')
    const stranger = join(d, '.codes.csv.dddddddddddddddddddddddd.tmp')
    writeFileSync(stranger, 'not ours')
    expect(f.codes.recoverExports((pid) => pid === 4242)).toEqual({ completed: 0, abandoned: 0, leftOpen: 0, uncertain: 0 })
    expect(existsSync(temp)).toBe(true)
    expect(existsSync(stranger)).toBe(true)
    expect(f.codes.recoverExports(DEAD)).toEqual({ completed: 0, abandoned: 1, leftOpen: 0, uncertain: 0 })
    expect(existsSync(temp)).toBe(false)
    expect(existsSync(stranger)).toBe(true)
  })

  it('never removes a recorded path that is not shaped like our temp name (a record cannot be turned against a user file)', () => {
    const { f, ids } = planted()
    const d = dir()
    const target = join(d, 'codes.csv')
    const precious = join(d, 'invoices.xlsx')
    writeFileSync(precious, 'keep me')
    f.storage.exports.insert({ id: 'eeeeeeeeeeeeeeeeeeeeeeee', targetPath: target, tempPath: precious, codeIds: ids, markExported: true, detail: {}, actor: 'Amina', pid: 999_999, createdAt: f.clock.iso() })
    f.codes.recoverExports(DEAD)
    expect(readFileSync(precious, 'utf8')).toBe('keep me')
  })

  it('a normal export leaves its record done and no temp file', () => {
    const { f } = planted()
    const d = dir()
    expect(f.codes.exportCsv(join(d, 'out.csv'), { state: 'in_stock' }, { markExported: true, bom: false })).toBe(3)
    expect(f.storage.exports.unfinished()).toEqual([])
    expect(readFileSync(join(d, 'out.csv'), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(4)
  })

  it('a landed export whose target folder cannot be reached (USB stick unplugged) stays open; nothing is marked', () => {
    const { f, ids } = planted()
    const stick = join(dir(), 'usb-stick')
    const target = join(stick, 'codes.csv') // the folder is not there now
    record(f, target, ids, 'ffffffffffffffffffffffff')
    f.storage.exports.written('ffffffffffffffffffffffff', 'a'.repeat(64))
    expect(f.codes.recoverExports(DEAD)).toEqual({ completed: 0, abandoned: 0, leftOpen: 1, uncertain: 0 })
    expect(f.storage.codes.list({ state: 'exported' }, 10)).toEqual([])
    expect(f.storage.exports.get('ffffffffffffffffffffffff')?.state).toBe('written')
  })

  it('a landed export whose target now holds another file, or is gone from its folder: uncertain, the person is told, nothing marked', () => {
    for (const [token, replace] of [['111111111111111111111111', true], ['222222222222222222222222', false]] as const) {
      const { f, ids } = planted()
      const notices: string[] = []
      f.events.on((e) => void (e.type === 'notice' && notices.push(e.message)))
      const target = join(dir(), 'codes.csv')
      record(f, target, ids, token)
      writeFileSync(target, 'code\r\nA\r\nB\r\nC\r\n')
      f.storage.exports.written(token, fileDigest(target)!)
      if (replace) writeFileSync(target, 'a later export over the same name\r\n')
      else rmSync(target)
      expect(f.codes.recoverExports(DEAD)).toEqual({ completed: 0, abandoned: 0, leftOpen: 0, uncertain: 1 })
      expect(f.storage.codes.list({ state: 'exported' }, 10)).toEqual([])
      expect(f.storage.exports.get(token)?.state).toBe('uncertain')
      expect(notices).toEqual([expect.stringContaining(`3 code(s) to ${target}`)])
    }
  })

  it('two exports of in_stock at the same moment never pick the same codes, and say how many they marked', () => {
    const { f, ids } = planted()
    const d = dir()
    // Another process (pid 4242, running) recorded an export of the first two codes and is writing its file.
    f.storage.exports.insert({ id: '333333333333333333333333', targetPath: join(d, 'app.csv'), tempPath: exportTempPath(join(d, 'app.csv'), '333333333333333333333333'), codeIds: ids.slice(0, 2), markExported: true, detail: {}, actor: 'app', pid: 4242, createdAt: f.clock.iso() })
    const r = f.codes.exportCsvDetailed(join(d, 'cli.csv'), { state: 'in_stock' }, { markExported: true, bom: false, isAlive: (pid) => pid === 4242 })
    expect(r).toEqual({ count: 1, marked: 1, leftOut: 2 })
    expect(f.storage.codes.list({ state: 'exported' }, 10).map((c) => c.id)).toEqual([ids[2]])
  })
})
