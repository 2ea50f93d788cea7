// The recovery key reaches a person's terminal, never a log file (cron, CI).
import { describe, expect, it } from 'vitest'
import { printNewRecoveryKey } from '../../src/cli/commands/backup'

const WORDS = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD'

function stream(isTTY: boolean) {
  let text = ''
  return { isTTY, write: (s: string) => (text += s), text: () => text }
}

describe('a new recovery key on the command line', () => {
  it('is printed to a terminal', () => {
    const s = stream(true)
    printNewRecoveryKey(WORDS, s)
    expect(s.text()).toContain(WORDS)
  })

  it('is not printed when stderr is not a terminal; the way to see it is', () => {
    const s = stream(false)
    printNewRecoveryKey(WORDS, s)
    expect(s.text()).not.toContain(WORDS)
    expect(s.text()).toMatch(/run `resellerdesk recovery-key show` in a terminal/)
  })
})
