// `demo`: the whole flow against the built-in simulators — demo accounts, catalog, a real purchase with delivery
// polling, codes sealed in the vault, a CSV export — printing what happened and how long it took.
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { AppHost } from '../../core/app/app-host'
import { actorName, cliShell, defaultDataDir } from '../context'
import { money, type Output, table, ORDER_HEADER, orderLine } from '../output'
import { runBuy } from './buy'

/** The seed's own example product, stocked generously in the simulator. */
const DEMO_PRODUCT_ID = '123'

export async function runDemo(out: Output, opts: { quantity: number; out?: string; dataDir?: string }): Promise<number> {
  const demoDir = opts.dataDir ?? join(dirname(defaultDataDir()), 'demo')
  const t0 = performance.now()
  const host = await AppHost.start({
    liveDataDir: join(demoDir, 'unused-live'),
    demoDataDir: demoDir,
    keyProvider: null,
    shell: cliShell,
    actor: actorName(),
    mode: 'demo',
    appVersion: 'cli'
  })
  try {
    const s = host.current()
    const accounts = s.accounts.list()
    out.info(`Demo mode: ${accounts.length} simulated supplier account(s) in ${demoDir}`)
    for (const b of s.balances.list()) out.info(`  ${b.accountName}: balance ${money(b.available)}`)
    const account = accounts.find((a) => a.kind === 'digetalhube')!
    const product = s.catalog.search('', { accountId: account.id, limit: 500 }).find((p) => p.productId === DEMO_PRODUCT_ID)
    out.info(`Buying ${opts.quantity} × ${product?.title ?? DEMO_PRODUCT_ID} from ${account.name}…`)
    const tBuy = performance.now()
    const r = await runBuy(s, { accountId: account.id, productId: DEMO_PRODUCT_ID, variantId: null, quantity: opts.quantity, fields: {} }, out, { yes: true, wait: true })
    const buyMs = Math.round(performance.now() - tBuy)
    const file = opts.out ?? join(demoDir, 'demo-codes.csv')
    const exported = s.codes.exportCsv(file, { accountId: account.id, state: 'in_stock' }, { markExported: true, bom: false })
    await s.balances.refresh()
    const summary = {
      orders: r.orders,
      delivered: r.orders.reduce((n, o) => n + o.deliveredCount, 0),
      exported,
      csv: file,
      buyMs,
      totalMs: Math.round(performance.now() - t0),
      balances: s.balances.list()
    }
    out.result(summary, () =>
      [
        table([ORDER_HEADER, ...r.orders.map(orderLine)]),
        '',
        `${summary.delivered} of ${opts.quantity} codes delivered and sealed in the vault in ${(buyMs / 1000).toFixed(1)} s.`,
        `Exported ${exported} code(s) to ${file} and marked them exported.`,
        ...summary.balances.map((b) => `${b.accountName}: balance now ${money(b.available)}`)
      ].join('\n')
    )
    return r.complete && exported === opts.quantity ? 0 : 1
  } finally {
    await host.stop()
  }
}
