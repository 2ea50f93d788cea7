import { describe, expect, it } from 'vitest'
import { createClipboardCopier } from '../../src/main/clipboard'

function fakes() {
  let text = ''
  const timers: (() => void)[] = []
  const clipboard = { writeText: (t: string) => void (text = t), readText: () => text, clear: () => void (text = '') }
  return { clipboard, timers, get text() { return text }, set text(t: string) { text = t }, tick: () => timers.splice(0).forEach((f) => f()) }
}

describe('copying a code to the clipboard', () => {
  it('clears the clipboard after the delay when it still holds the code', async () => {
    const f = fakes()
    const copy = createClipboardCopier(f.clipboard, { setTimeout: (fn) => f.timers.push(fn) })
    await copy('PUBG-1111', 30_000)
    expect(f.text).toBe('PUBG-1111')
    f.tick()
    await Promise.resolve()
    expect(f.text).toBe('')
  })

  it('leaves alone what the person copied since', async () => {
    const f = fakes()
    const copy = createClipboardCopier(f.clipboard, { setTimeout: (fn) => f.timers.push(fn) })
    await copy('PUBG-1111', 30_000)
    f.text = 'customer email'
    f.tick()
    await Promise.resolve()
    expect(f.text).toBe('customer email')
  })

  it('never clears when the delay is 0', async () => {
    const f = fakes()
    const copy = createClipboardCopier(f.clipboard, { setTimeout: (fn) => f.timers.push(fn) })
    await copy('X', 0)
    expect(f.timers).toHaveLength(0)
  })
})
