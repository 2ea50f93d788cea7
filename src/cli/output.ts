// Human-readable or --json output. JSON goes to stdout only; progress and messages for people go to stderr when
// --json is on, so scripts can parse stdout.
import type { Money, OrderView } from '../shared/contract'
import { formatMoney as format } from '../core/app/command-door'

export class Output {
  constructor(private readonly json: boolean) {}

  /** The command's result. */
  result(value: unknown, human: () => string): void {
    if (this.json) process.stdout.write(JSON.stringify(value, null, 2) + '\n')
    else process.stdout.write(human() + '\n')
  }

  /** Progress and notes for people. */
  info(line: string): void {
    ;(this.json ? process.stderr : process.stdout).write(line + '\n')
  }

  error(code: string, message: string): void {
    if (this.json) process.stdout.write(JSON.stringify({ error: { code, message } }) + '\n')
    else process.stderr.write(`Error: ${message}\n`)
  }
}

export const money = (m: Money | null): string => (m ? format(m) : '—')

export function table(rows: string[][]): string {
  if (rows.length === 0) return '(none)'
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')
}

export function orderLine(o: OrderView): string[] {
  return [o.id.slice(0, 8), o.createdAt.slice(0, 19).replace('T', ' '), o.accountName, o.title, String(o.quantity), money(o.total), o.state, `${o.deliveredCount}/${o.quantity}`]
}
export const ORDER_HEADER = ['ID', 'CREATED', 'ACCOUNT', 'PRODUCT', 'QTY', 'TOTAL', 'STATE', 'CODES']
