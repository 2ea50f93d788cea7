// The IPC boundary as the window meets it (through the one door, dispatch, into a real session against the
// DigetalHube simulator): stock checked across a basket, order fields and names bounded, names free of control
// and text-direction characters, messages that never echo unbounded input, and a taken name refused in the same
// words whether adding or renaming.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../src/core/app/dispatch'
import type { Handlers } from '../../src/core/app/handlers'
import { world, type World } from './helpers'

let w: World
const call = (channel: string, input: unknown) => dispatch(w.session.handlers as unknown as Handlers, channel, input)
const addInput = (name: string) => ({ name, baseUrl: w.sim.baseUrl, credentials: { kind: 'digetalhube', apiKey: 'k2' } })

beforeEach(async () => {
  w = await world()
})
afterEach(async () => {
  await w.close()
})

describe('stock across a basket', () => {
  it('refuses two lines of 300 for a product with 500 in stock before anything is sent', async () => {
    w.sim.setStock(123, 500)
    await w.session.catalog.sync(w.accountId)
    const line = { accountId: w.accountId, productId: '123', variantId: null, quantity: 300, fields: {} }
    const plan = await call('orders.plan', { lines: [line, line] })
    expect(plan).toMatchObject({ ok: true, value: { canPlace: false } })
    const problems = (plan as { value: { problems: { code: string; message: string }[] } }).value.problems
    expect(problems[0]).toMatchObject({ code: 'OUT_OF_STOCK', message: 'Only 500 of “PUBG Mobile 60 UC” in stock; the basket asks for 600 across 2 lines.' })
    expect(await call('orders.place', { lines: [line, line] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(w.sim.orders('dh_test_key')).toEqual([])
    expect(w.session.storage.orders.list({})).toEqual([])
  })
})

describe('order fields are bounded', () => {
  const line = (fields: Record<string, string>) => ({ lines: [{ accountId: w.accountId, productId: '123', variantId: null, quantity: 1, fields }] })

  it('refuses 5,000 fields (2.5 MB) on one order, and stores nothing', async () => {
    const fields = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`f${i}`, 'x'.repeat(500)]))
    const r = await call('orders.place', line(fields))
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'VALIDATION', message: 'lines.0.fields: An order can carry at most 32 fields' }) })
    expect(w.session.storage.orders.list({})).toEqual([])
  })

  it('refuses 32 fields that are 16 kB together, and a 100-character field name', async () => {
    const big = Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`f${i}`, 'x'.repeat(500)]))
    expect(await call('orders.plan', line(big))).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: "lines.0.fields: The order's fields must be at most 8 kB together" } })
    const r = await call('orders.plan', line({ ['n'.repeat(100)]: 'v' }))
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect((r as { error: { message: string } }).error.message).toContain('A field name must be at most 64 characters')
    expect((r as { error: { message: string } }).error.message.length).toBeLessThan(200)
  })

  it('the CLI path (the service, without IPC) has the same limits', async () => {
    const fields = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`f${i}`, 'x']))
    await expect(w.session.orders.place(line(fields))).rejects.toMatchObject({ code: 'VALIDATION', message: 'lines.0.fields: An order can carry at most 32 fields' })
  })
})

describe('validation messages never echo unbounded input', () => {
  it('a 100 kB unknown key comes back shortened, once', async () => {
    const key = 'k'.repeat(100_000)
    const r = await call('accounts.list', { [key]: 1 })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const { message, fields } = (r as { error: { message: string; fields: Record<string, string> } }).error
    expect(message).toBe(`has a field it does not know (“${'k'.repeat(39)}…”)`)
    expect(JSON.stringify(fields).length).toBeLessThan(300)
  })

  it('a megabyte of text where a short one belongs is not quoted back', async () => {
    const r = await call('catalog.search', { text: 'x'.repeat(1_000_000) })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(JSON.stringify(r).length).toBeLessThan(500)
  })
})

describe('names', () => {
  const BAD = [
    ['a NUL', 'Main\u0000DH'],
    ['a newline', 'Main\nDH'],
    ['a right-to-left override', 'Main \u202eHD'],
    ['a left-to-right isolate', 'Main \u2066DH\u2069'],
    ['a C1 control', 'Main\u0085DH']
  ] as const

  for (const [what, name] of BAD) {
    it(`refuses an account name with ${what}, from the window and from the CLI`, async () => {
      expect(await call('accounts.add', addInput(name))).toEqual({
        ok: false,
        error: { code: 'VALIDATION', message: 'name: must not contain control characters or text-direction overrides', fields: { name: 'must not contain control characters or text-direction overrides' } }
      })
      expect(() => w.session.accounts.add({ name, baseUrl: w.sim.baseUrl, credentials: { kind: 'digetalhube', apiKey: 'k2' } })).toThrow(/control characters or text-direction overrides/)
      expect(await call('accounts.update', { accountId: w.accountId, name })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      expect(() => w.session.setActor(name)).toThrow(/control characters or text-direction overrides/)
      expect(w.session.accounts.list().map((a) => a.name)).toEqual(['DH'])
    })
  }

  it('accepts an Arabic name (right-to-left letters are not overrides)', async () => {
    expect(await call('accounts.add', addInput('متجر الجزائر'))).toMatchObject({ ok: true, value: { name: 'متجر الجزائر' } })
  })

  it('refuses a taken name in the same words when adding and when renaming (any case)', async () => {
    const added = await call('accounts.add', addInput('Second'))
    expect(added).toMatchObject({ ok: true })
    const second = (added as { value: { id: string } }).value.id
    const conflictAdding = await call('accounts.add', addInput('dh'))
    expect(conflictAdding).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'An account named “dh” already exists. Choose another name.', fields: { name: 'This name is taken' } } })
    const conflictRenaming = await call('accounts.update', { accountId: second, name: 'dh' })
    expect(conflictRenaming).toEqual(conflictAdding)
    // Renaming an account to its own name in another case is not a conflict.
    expect(await call('accounts.update', { accountId: second, name: 'SECOND' })).toMatchObject({ ok: true, value: { name: 'SECOND' } })
  })

  it('a UNIQUE violation that slips past the check (another process took the name) still gets the conflict words', async () => {
    const other = w.session.accounts.add({ name: 'Second', baseUrl: w.sim.baseUrl, credentials: { kind: 'digetalhube', apiKey: 'k2' } })
    // As if a second process renamed 'Second' to 'Taken' between our check and our write.
    let raced = false
    const repo = w.session.storage.accounts
    const findByName = repo.findByName.bind(repo)
    repo.findByName = (n: string) => (n === 'Taken' && !raced ? ((raced = true), null) : findByName(n))
    w.session.storage.db.prepare('UPDATE accounts SET name = ? WHERE id = ?').run('Taken', w.accountId)
    expect(await call('accounts.update', { accountId: other.id, name: 'Taken' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'An account named “Taken” already exists. Choose another name.', fields: { name: 'This name is taken' } }
    })
  })
})
