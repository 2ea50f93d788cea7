// `buy`: plan, show, confirm, place, and wait with progress until every code is in the vault.
import { createInterface } from 'node:readline/promises'
import type { CommandDoor } from '../../core/app/command-door'
import type { BasketLine, OrderView, PlanView } from '../../shared/contract'
import { UsageError } from '../context'
import { money, type Output, table } from '../output'

export interface BuyRequest {
  accountId: string
  productId: string
  variantId: string | null
  quantity: number
  fields: Record<string, string>
}

export function describePlan(plan: PlanView): string {
  const lines = table([
    ['PRODUCT', 'QTY', 'UNIT', 'TOTAL', 'ORDERS'],
    ...plan.lines.map((l) => [l.title, String(l.quantity), money(l.unitPrice), money(l.total), l.orderQuantities.join(' + ')])
  ])
  const accounts = plan.accounts.map((a) => `${a.accountName}: costs ${money(a.cost)}, balance ${money(a.balance)}${a.sufficient ? '' : '  ← NOT ENOUGH'}`)
  const problems = plan.problems.map((p) => `✗ ${p.message}`)
  return [lines, '', ...accounts, ...(problems.length ? ['', ...problems] : [])].join('\n')
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new UsageError('Not asking on a non-interactive terminal: add --yes to buy.')
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim())
  } finally {
    rl.close()
  }
}

export async function runBuy(
  d: CommandDoor,
  req: BuyRequest,
  out: Output,
  opts: { yes: boolean; wait: boolean }
): Promise<{ plan: PlanView; orders: OrderView[]; complete: boolean }> {
  if ((await d.call('catalog.search', { text: '', accountId: req.accountId, limit: 1 })).length === 0) {
    out.info('Syncing the catalog first…')
    await d.call('catalog.sync', { accountId: req.accountId })
  }
  const line: BasketLine = { ...req }
  const plan = await d.call('orders.plan', { lines: [line] })
  out.info(describePlan(plan))
  if (!plan.canPlace) return { plan, orders: [], complete: false }
  if (!opts.yes && !(await confirm('Buy? [y/N] '))) {
    out.info('Nothing bought.')
    return { plan, orders: [], complete: false }
  }
  const placed = await d.call('orders.place', { lines: [line] })
  out.info(`Placed as ${placed.orderIds.length} order(s), batch ${placed.batchId.slice(0, 8)}.`)
  // Another process on this data folder may be working this account's orders: it sends ours too (one process per
  // account at a time, see order-leases.ts), and we wait for them to settle whoever settles them.
  for (const w of placed.workedElsewhere) out.info(`${w.by} is working on this account's orders; it sends these too, and this command waits for them.`)
  if (!opts.wait) return { plan, orders: await d.call('orders.list', { batchId: placed.batchId }), complete: false }

  // Progress from the events alone: each orders.changed carries the orders it changed.
  let lastLine = ''
  const batch = new Map<string, OrderView>()
  const off = d.onEvent((e) => {
    if (e.type !== 'orders.changed' && e.type !== 'order.settled') return
    for (const o of e.type === 'orders.changed' ? e.orders : [e.order]) if (o.batchId === placed.batchId) batch.set(o.id, o)
    const known = [...batch.values()]
    const delivered = known.reduce((n, o) => n + o.deliveredCount, 0)
    const states = [...new Set(known.map((o) => o.state))].join(', ')
    const text = `  ${delivered}/${req.quantity} codes delivered (${states})`
    if (text !== lastLine) out.info((lastLine = text))
  })
  // What the batch looked like before this listener was there; later events replace it order by order.
  for (const o of await d.call('orders.list', { batchId: placed.batchId })) if (!batch.has(o.id)) batch.set(o.id, o)
  try {
    await d.call('orders.wait', { orderIds: placed.orderIds })
  } finally {
    off()
  }
  const orders = await d.call('orders.list', { batchId: placed.batchId })
  const complete = orders.every((o) => o.state === 'completed')
  return { plan, orders, complete }
}
