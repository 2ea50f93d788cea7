import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { neutralizeFormula, writeCsvAtomic } from '../../src/core/codes/csv'

let dir: string
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rd-csv-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('CSV export', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['PUBG-7F3K-Q9ZD-2MXA', 'PUBG-7F3K-Q9ZD-2MXA'],
    ['a=b', 'a=b']
  ])('neutralises %j so spreadsheets read it as text', (input, expected) => {
    expect(neutralizeFormula(input)).toBe(expected)
  })

  it('writes UTF-8 with quoting, CRLF rows and an optional BOM for Excel', () => {
    const file = join(dir, 'out.csv')
    const n = writeCsvAtomic(file, ['product', 'code'], [['iTunes $10, USA', 'AB"CD'], ['Ünïcødé', '=1+1']], { bom: true })
    expect(n).toBe(2)
    const text = readFileSync(file, 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.slice(1)).toBe(`product,code\r\n"iTunes $10, USA","AB""CD"\r\nÜnïcødé,'=1+1\r\n`)
  })

  it('leaves no file at all when the export is interrupted half-way', () => {
    const file = join(dir, 'codes.csv')
    const rows = function* () {
      for (let i = 0; i < 10_000; i++) yield [`p${i}`, `CODE-${i}`]
    }
    expect(() =>
      writeCsvAtomic(file, ['product', 'code'], rows(), {
        bom: false,
        onChunk: (written) => {
          if (written >= 4_000) throw new Error('disk unplugged')
        }
      })
    ).toThrow(/could not be written|disk unplugged/)
    expect(existsSync(file)).toBe(false)
    expect(readdirSync(dir)).toEqual([]) // no temp file left behind either
  })

  it('keeps the previous file intact when a new export of the same name fails', () => {
    const file = join(dir, 'codes.csv')
    writeCsvAtomic(file, ['code'], [['OLD']], { bom: false })
    expect(() =>
      writeCsvAtomic(file, ['code'], (function* () { yield ['NEW']; throw new Error('crash') })(), { bom: false })
    ).toThrow()
    expect(readFileSync(file, 'utf8')).toBe('code\r\nOLD\r\n')
  })

  it('explains a folder that cannot be written in plain words', () => {
    expect(() => writeCsvAtomic(join(dir, 'missing', 'x.csv'), ['code'], [], { bom: false })).toThrow(/could not be written \(ENOENT\)/)
  })
})
