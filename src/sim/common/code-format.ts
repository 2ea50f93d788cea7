// Gift-card codes from a per-product pattern, unique across one simulator.
// Pattern symbols: `#` a letter or digit, `&` a digit, `@` a letter; every other character is literal.
// The alphabet leaves out 0/O and 1/I, as real voucher printers do.
import type { Rng } from './rng'

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const DIGITS = '23456789'
const ALNUM = LETTERS + DIGITS
const ALL_DIGITS = '0123456789'

function pickChar(alphabet: string, rng: Rng): string {
  return alphabet.charAt(rng.int(0, alphabet.length - 1))
}

export function formatCode(pattern: string, rng: Rng): string {
  let out = ''
  for (const ch of pattern) {
    if (ch === '#') out += pickChar(ALNUM, rng)
    else if (ch === '&') out += pickChar(ALL_DIGITS, rng)
    else if (ch === '@') out += pickChar(LETTERS, rng)
    else out += ch
  }
  return out
}

/** Number of distinct codes a pattern can produce (capped, only used to refuse hopeless patterns). */
function patternSpace(pattern: string): number {
  let space = 1
  for (const ch of pattern) {
    if (ch === '#') space *= ALNUM.length
    else if (ch === '&') space *= ALL_DIGITS.length
    else if (ch === '@') space *= LETTERS.length
    if (space > 1e12) return 1e12
  }
  return space
}

/** Hands out codes that were never handed out before by this issuer (across all products using it). */
export class UniqueCodeIssuer {
  private readonly issued = new Set<string>()

  constructor(private readonly rng: Rng) {}

  next(pattern: string): string {
    if (patternSpace(pattern) < 1e6) throw new RangeError(`code pattern “${pattern}” has too few combinations`)
    for (;;) {
      const code = formatCode(pattern, this.rng)
      if (!this.issued.has(code)) {
        this.issued.add(code)
        return code
      }
    }
  }

  /** `count` fresh codes of one pattern, in issue order (one gift card each). */
  nextMany(pattern: string, count: number): string[] {
    const codes: string[] = []
    for (let i = 0; i < count; i++) codes.push(this.next(pattern))
    return codes
  }
}
