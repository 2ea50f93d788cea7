// `buy`: plan, show, confirm, place, and wait with progress until every code is in the vault.
import { createInterface } from 'node:readline/promises'
import type { Session } from '../../core/app/session'
import type { BasketLine, OrderView, PlanView } from '../../shared/schemas'
import { describeHolder } from '../../core/orders'
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
  session: Session,
  req: BuyRequest,
  out: Output,
  opts: { yes: boolean; wait: boolean }
): Promise<{ plan: PlanView; orders: OrderView[]; complete: boolean }> {
  if (session.storage.catalog.countForAccount(req.accountId) === 0) {
    out.info('Syncing the catalog first…')
    await session.catalog.syncAccount(req.accountId)
  }
  const line: BasketLine = { ...req }
  const plan = await session.orders.plan({ lines: [line] })
  out.info(describePlan(plan))
  if (!plan.canPlace) return { plan, orders: [], complete: false }
  if (!opts.yes && !(await confirm('Buy? [y/N] '))) {
    out.info('Nothing bought.')
    return { plan, orders: [], complete: false }
  }
  session.engine.start()
  const placed = await session.orders.place({ lines: [line] })
  out.info(`Placed as ${placed.orderIds.length} order(s), batch ${placed.batchId.slice(0, 8)}.`)
  // Another process on this data folder may be working this account's orders: it sends ours too (one process per
  // account at a time, see order-leases.ts), and we wait for them to settle whoever settles them.
  const holder = session.engine.leases.holder(req.accountId)
  if (holder) out.info(`${describeHolder(holder)} is working on this account's orders; it sends these too, and this command waits for them.`)
  if (!opts.wait) return { plan, orders: session.orders.list({ batchId: placed.batchId }), complete: false }

  let lastLine = ''
  const off = session.opts.events.on((e) => {
    if (e.type !== 'orders.changed') return
    const batch = session.orders.list({ batchId: placed.batchId })
    const delivered = batch.reduce((n, o) => n + o.deliveredCount, 0)
    const states = [...new Set(batch.map((o) => o.state))].join(', ')
    const text = `  ${delivered}/${req.quantity} codes delivered (${states})`
    if (text !== lastLine) out.info((lastLine = text))
  })
  try {
    await session.engine.whenSettled(placed.orderIds)
  } finally {
    off()
  }
  const orders = session.orders.list({ batchId: placed.batchId })
  const complete = orders.every((o) => o.state === 'completed')
  return { plan, orders, complete }
}
