// What the start-up cleanup of killed exports may and may not touch: only the temp file an export recorded, only
// for exports whose process is gone; a file that landed gets its codes marked, one that did not is abandoned.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { exportTempPath, fileDigest } from '../../src/core/export/csv'
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
    expect(f.codes.recoverExports(DEAD)).toEqual({ completed: 0, abandoned: 1 })
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
    expect(f.codes.recoverExports(DEAD)).toEqual({ completed: 1, abandoned: 0 })
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
    expect(f.codes.recoverExports((pid) => pid === 4242)).toEqual({ completed: 0, abandoned: 0 })
    expect(existsSync(temp)).toBe(true)
    expect(existsSync(stranger)).toBe(true)
    expect(f.codes.recoverExports(DEAD)).toEqual({ completed: 0, abandoned: 1 })
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
})
