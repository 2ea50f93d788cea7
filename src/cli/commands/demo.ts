// `demo`: the whole flow against the built-in simulators — a demo account per upstream, catalogs, real purchases
// with delivery polling from every supplier, codes sealed in the vault, the storefront's ledger imported, a CSV
// export — printing what happened and how long it took.
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openCommandDoor } from '../../core/app/command-door'
import type { ProviderKind } from '../../shared/domain'
import type { OrderView } from '../../shared/contract'
import { AIDIGITALTOOLS_PRODUCT_IDS } from '../../sim/index'
import { actorName, cliShell, defaultDemoDir } from '../context'
import { money, type Output, table, ORDER_HEADER, orderLine } from '../output'
import { runBuy } from './buy'

/** What the demo buys from each supplier kind (products the simulators stock generously). */
const DEMO_PURCHASES: Partial<Record<ProviderKind, { productId: string; variantId: string | null; quantity: number | 'main' }>> = {
  digetalhube: { productId: '123', variantId: null, quantity: 'main' }, // PUBG Mobile 60 UC, the seed's own example
  aidigitaltools: { productId: AIDIGITALTOOLS_PRODUCT_IDS.midjourney, variantId: null, quantity: 2 }, // auto-delivered
  oneclickdz: { productId: '507f1f77bcf86cd799439011', variantId: 'type_001', quantity: 2 }, // PSN 500 DA
  hyper: { productId: '2101', variantId: '211', quantity: 2 } // Steam Wallet 100 TL
}

export async function runDemo(out: Output, opts: { quantity: number; out?: string; dataDir?: string }): Promise<number> {
  // --data-dir names the demo's folder; it must be new, empty or an earlier demo's (AppHost refuses anything else).
  const demoDir = opts.dataDir ?? defaultDemoDir()
  const t0 = performance.now()
  const file = opts.out ?? join(demoDir, 'demo-codes.csv')
  const d = await openCommandDoor({ mode: 'demo', dataDir: demoDir, passphrase: null, actor: actorName(), shell: cliShell({ exportTo: file }) })
  try {
    const accounts = await d.call('accounts.list', {})
    out.info(`Demo mode: ${accounts.length} simulated account(s) in ${demoDir}`)
    for (const b of await d.call('balances.list', {})) out.info(`  ${b.accountName}: balance ${money(b.available)}`)

    const orders: OrderView[] = []
    let complete = true
    let wanted = 0
    let mainBuyMs = 0
    for (const account of accounts) {
      const p = DEMO_PURCHASES[account.kind]
      if (!p) continue
      const quantity = p.quantity === 'main' ? opts.quantity : p.quantity
      const title = (await d.call('catalog.search', { text: '', accountId: account.id, limit: 500 })).find((i) => i.productId === p.productId && i.variantId === p.variantId)
      out.info(`\nBuying ${quantity} × ${title ? (title.variantName ? `${title.title} — ${title.variantName}` : title.title) : p.productId} from ${account.name}…`)
      const tBuy = performance.now()
      const r = await runBuy(d, { accountId: account.id, productId: p.productId, variantId: p.variantId, quantity, fields: {} }, out, { yes: true, wait: true })
      if (p.quantity === 'main') mainBuyMs = Math.round(performance.now() - tBuy)
      orders.push(...r.orders)
      complete &&= r.complete
      wanted += quantity
    }

    const ledger = await d.call('ledger.sync', {})
    out.info(`\nImported ${ledger.added} storefront operation(s) and sale(s) into the ledger.`)
    const written = await d.call('codes.export', { filter: { state: 'in_stock' }, markExported: true, bom: false })
    const exported = written.status === 'written' ? written.count : 0
    await d.call('balances.refresh', {})
    const delivered = orders.reduce((n, o) => n + o.deliveredCount, 0)
    const summary = { orders, delivered, wanted, exported, csv: file, ledgerAdded: ledger.added, mainBuyMs, totalMs: Math.round(performance.now() - t0), balances: await d.call('balances.list', {}) }
    out.result(summary, () =>
      [
        '',
        table([ORDER_HEADER, ...orders.map(orderLine)]),
        '',
        `${delivered} of ${wanted} codes delivered and sealed in the vault (the ${opts.quantity}-code DigetalHube buy took ${(mainBuyMs / 1000).toFixed(1)} s).`,
        `Exported ${exported} code(s) to ${file} and marked them exported.`,
        ...summary.balances.map((b) => `${b.accountName}: balance now ${money(b.available)}`)
      ].join('\n')
    )
    return complete && exported === wanted ? 0 : 1
  } finally {
    await d.close()
  }
}
