// ResellerDesk's headless CLI over the same core as the desktop app (DESIGN.md §6).
// Exit codes: 0 ok, 1 the operation failed, 2 bad usage.
import { Command, CommanderError, Option } from 'commander'
import { resolve } from 'node:path'
import { ACTIVE_ORDER_STATES, CODE_STATES, ORDER_STATES, PROVIDER_KINDS, type CodeState, type OrderState, type ProviderKind } from '../shared/domain'
import { Credentials, EXPORT_COLUMNS, type ExportColumn } from '../shared/contract'
import { AppError, toPublicError, type CommandDoor } from '../core/app/command-door'
import { cliShell, openCliDoor, exitCodeFor, UsageError, type GlobalOptions } from './context'
import { money, ORDER_HEADER, orderLine, Output, table } from './output'
import { runBuy } from './commands/buy'
import { runSim } from './commands/sim'
import { runDemo } from './commands/demo'
import { registerBackupCommands } from './commands/backup'
import {
  codeFilterFrom,
  relayNotices,
  resolveCodeIds,
  runBalanceHistory,
  runCodesList,
  runCodesMark,
  runMarkupList,
  runMarkupRemove,
  runMarkupSet,
  runReconcile,
  runWatches
} from './commands/workflow'

const program = new Command()
program
  .name('resellerdesk')
  .description('ResellerDesk: buy and manage digital codes from reseller APIs, from the command line.')
  .option('--data-dir <dir>', 'data folder (default: $RESELLERDESK_DATA_DIR or the per-user ResellerDesk/cli folder)')
  .option('--json', 'machine-readable output on stdout')
  .option('--verbose', 'write log lines to stderr (the same lines the desktop app writes to its log file)')
  .showHelpAfterError()
  .exitOverride()

function globals(): GlobalOptions & { json: boolean } {
  const o = program.opts<{ dataDir?: string; json?: boolean; verbose?: boolean }>()
  return { ...(o.dataDir ? { dataDir: resolve(o.dataDir) } : {}), json: Boolean(o.json), verbose: Boolean(o.verbose) }
}

/**
 * Run a command through the door (the same handlers and validation as the desktop window), closing it whatever
 * happens. `shell` says where files go when the command names them (--csv, --to).
 */
function withDoor(fn: (d: CommandDoor, out: Output) => Promise<number | void>, shell = cliShell()): () => Promise<void> {
  return async () => {
    const g = globals()
    const out = new Output(g.json)
    const door = await openCliDoor(g, shell)
    try {
      const code = await fn(door, out)
      if (typeof code === 'number') process.exitCode = code
    } finally {
      await door.close()
    }
  }
}

/** The account named NAME (letters in any case). */
async function accountId(d: CommandDoor, name: string): Promise<string> {
  return (await d.call('accounts.find', { name })).id
}

async function optionalAccountId(d: CommandDoor, name: string | undefined): Promise<string | undefined> {
  return name === undefined ? undefined : accountId(d, name)
}

/** The order whose id is, or starts with, the text given; a miss is bad usage (exit 2), as a typo is. */
async function findOrder(d: CommandDoor, idOrPrefix: string): Promise<string> {
  try {
    return (await d.call('orders.find', { idOrPrefix })).orderId
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw new UsageError(e.message)
    throw e
  }
}

function positiveInt(name: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`${name} must be a whole number of at least 1 (got “${v}”).`)
    return Number(v)
  }
}

function seconds(name: string) {
  return (v: string): number => {
    if (!/^\d+(\.\d+)?$/.test(v)) throw new UsageError(`${name} must be a number of seconds (got “${v}”).`)
    return Number(v)
  }
}

function secretFromEnv(varName: string): string {
  const v = process.env[varName]
  if (!v) throw new UsageError(`The environment variable ${varName} is empty or not set.`)
  return v
}

// --- accounts ------------------------------------------------------------------------------------------------
const accounts = program.command('accounts').description('supplier and storefront accounts')
accounts
  .command('add')
  .description('add an account; secrets are read from environment variables, never from the command line')
  .addOption(new Option('--provider <kind>', 'provider kind').choices(PROVIDER_KINDS as unknown as string[]).makeOptionMandatory())
  .requiredOption('--name <name>', 'a name for the account')
  .requiredOption('--base-url <url>', "the upstream's base URL")
  .option('--key-env <VAR>', 'environment variable holding the API key')
  .option('--login <login>', 'login (Hyper: e-mail; Digiseller: seller id)')
  .option('--secret-env <VAR>', 'environment variable holding the password (Hyper) or API key (Digiseller)')
  .option('--currency <code>', 'account currency, when the upstream does not say')
  .option('--low-balance <amount>', 'warn when the balance falls below this amount')
  .option('--poll-every <seconds>', "seconds between status checks of an open order (default: the upstream's documented interval)", seconds('--poll-every'))
  .option('--first-poll-after <seconds>', "seconds before the first status check (default: the upstream's typical delivery time)", seconds('--first-poll-after'))
  .option('--rate-limit <perMinute>', "requests per minute (default: the upstream's documented limit)", positiveInt('--rate-limit'))
  .action((o: { provider: ProviderKind; name: string; baseUrl: string; keyEnv?: string; login?: string; secretEnv?: string; currency?: string; lowBalance?: string; pollEvery?: number; firstPollAfter?: number; rateLimit?: number }) =>
    withDoor(async (d, out) => {
      const raw =
        o.provider === 'hyper'
          ? { kind: o.provider, email: o.login, password: o.secretEnv ? secretFromEnv(o.secretEnv) : undefined }
          : o.provider === 'digiseller'
            ? { kind: o.provider, sellerId: o.login, apiKey: o.secretEnv ? secretFromEnv(o.secretEnv) : o.keyEnv ? secretFromEnv(o.keyEnv) : undefined }
            : { kind: o.provider, apiKey: o.keyEnv ? secretFromEnv(o.keyEnv) : undefined }
      const creds = Credentials.safeParse(raw)
      if (!creds.success) {
        throw new UsageError(
          o.provider === 'hyper'
            ? 'Hyper needs --login EMAIL and --secret-env VAR (the password).'
            : o.provider === 'digiseller'
              ? 'Digiseller needs --login SELLER_ID and --secret-env VAR (the API key).'
              : 'This provider needs --key-env VAR (the environment variable holding the API key).'
        )
      }
      if (o.lowBalance !== undefined && !/^\d+(\.\d+)?$/.test(o.lowBalance)) throw new UsageError('--low-balance must be an amount such as 25 or 25.50.')
      const a = await d.call('accounts.add', {
        name: o.name,
        baseUrl: o.baseUrl,
        credentials: creds.data,
        currency: o.currency,
        settings: {
          ...(o.lowBalance !== undefined ? { lowBalanceThreshold: o.lowBalance } : {}),
          ...(o.pollEvery !== undefined ? { pollIntervalSeconds: o.pollEvery } : {}),
          ...(o.firstPollAfter !== undefined ? { firstPollDelaySeconds: o.firstPollAfter } : {}),
          ...(o.rateLimit !== undefined ? { rateLimitPerMinute: o.rateLimit } : {})
        }
      })
      out.result(a, () => `Added ${a.name} (${a.kind}). Try it with: accounts test "${a.name}"`)
    })()
  )
accounts
  .command('list')
  .description('list accounts')
  .action(() =>
    withDoor(async (d, out) => {
      const list = await d.call('accounts.list', {})
      out.result(list, () =>
        [
          table([['NAME', 'KIND', 'CURRENCY', 'BASE URL'], ...list.map((a) => [a.name, a.kind, a.currency, a.baseUrl])]),
          ...list
            .filter((a) => a.sharedKey)
            .map((a) => `Warning: ${a.sharedKey!.foreignOrders} order(s) on ${a.name} were not placed from this data folder (last ${a.sharedKey!.lastSeenAt}); another program or person uses the same key, so an unanswered order there waits for you to check it.`)
        ].join('\n')
      )
    })()
  )
accounts
  .command('test <name>')
  .description('check that the account answers and the credentials work')
  .action((name: string) =>
    withDoor(async (d, out) => {
      const r = await d.call('accounts.test', { accountId: await accountId(d, name) })
      out.result(r, () => (r.ok ? `OK: ${r.message} Balance: ${money(r.balance)}` : `FAILED: ${r.message}`))
      return r.ok ? 0 : 1
    })()
  )

// --- catalog -------------------------------------------------------------------------------------------------
const catalog = program.command('catalog').description('the cached product catalog')
catalog
  .command('sync')
  .option('--account <name>', 'only this account')
  .action((o: { account?: string }) =>
    withDoor(async (d, out) => {
      relayNotices(d, out)
      const r = await d.call('catalog.sync', { accountId: await optionalAccountId(d, o.account) })
      out.result(r, () =>
        [
          `Synced ${r.items} products.`,
          ...(r.leftOut ?? []).map((l) => `! Left out ${l.productId} “${l.title}”: ${l.reason}. Ask the supplier; it stays out until a sync shows a real price.`),
          ...r.failed.map((f) => `✗ ${f.message}`)
        ].join('\n')
      )
      return r.failed.length ? 1 : 0
    })()
  )
catalog
  .command('search [text...]')
  .option('--account <name>', 'only this account')
  .option('--limit <n>', 'at most this many', positiveInt('--limit'), 50)
  .action((text: string[], o: { account?: string; limit: number }) =>
    withDoor(async (d, out) => {
      const items = await d.call('catalog.search', { text: text.join(' '), accountId: await optionalAccountId(d, o.account), limit: o.limit })
      out.result(items, () =>
        table([
          ['ACCOUNT', 'PRODUCT ID', 'VARIANT', 'TITLE', 'PRICE', 'SELL', 'STOCK'],
          ...items.map((i) => [i.accountName, i.productId, i.variantId ?? '', i.variantName ? `${i.title} — ${i.variantName}` : i.title, money(i.price), money(i.sellPrice ?? null), i.inStock ? String(i.stock ?? 'yes') : 'out'])
        ])
      )
    })()
  )
catalog
  .command('watch')
  .description('be told when a product’s price or stock changes (checked after every catalog sync)')
  .requiredOption('--account <name>', 'the supplier account')
  .requiredOption('--product <id>', 'product id (see catalog search)')
  .option('--variant <id>', 'variant / denomination id')
  .action((o: { account: string; product: string; variant?: string }) =>
    withDoor(async (d, out) => {
      const w = await d.call('catalog.watch', { accountId: await accountId(d, o.account), productId: o.product, variantId: o.variant ?? null })
      out.result(w, () => `Watching ${w.title}${w.variantName ? ` — ${w.variantName}` : ''} (${w.accountName}): now ${w.current ? money(w.current.price) : 'not in the catalog'}.`)
    })()
  )
catalog
  .command('unwatch')
  .requiredOption('--account <name>', 'the supplier account')
  .requiredOption('--product <id>', 'product id')
  .option('--variant <id>', 'variant / denomination id')
  .action((o: { account: string; product: string; variant?: string }) =>
    withDoor(async (d, out) => {
      const { removed } = await d.call('catalog.unwatch', { accountId: await accountId(d, o.account), productId: o.product, variantId: o.variant ?? null })
      out.result({ removed }, () => (removed ? 'No longer watched.' : 'That product was not watched.'))
      return removed ? 0 : 1
    })()
  )
catalog
  .command('watches')
  .description('list watched products as of the last sync')
  .option('--account <name>', 'only this account')
  .action((o: { account?: string }) => withDoor(async (d, out) => runWatches(d, out, await optionalAccountId(d, o.account)))())

// --- balance -------------------------------------------------------------------------------------------------
program
  .command('balance')
  .description('read balances from the upstreams now (or, with --history, show the stored readings and the run-out forecast)')
  .option('--account <name>', 'only this account')
  .option('--history', 'show the stored balance history and the run-out forecast instead of reading balances')
  .option('--days <n>', 'with --history: this many days back', positiveInt('--days'), 30)
  .action((o: { account?: string; history?: boolean; days: number }) =>
    withDoor(async (d, out) => {
      if (o.history) return runBalanceHistory(d, out, o.account ? [await accountId(d, o.account)] : (await d.call('accounts.list', {})).map((a) => a.id), o.days)
      relayNotices(d, out)
      const list = await d.call('balances.refresh', { accountId: await optionalAccountId(d, o.account) })
      out.result(list, () => table([['ACCOUNT', 'AVAILABLE', 'AS OF', ''], ...list.map((b) => [b.accountName, money(b.available), b.at.slice(0, 19).replace('T', ' '), b.low ? 'LOW' : ''])]))
    })()
  )

// --- buy -----------------------------------------------------------------------------------------------------
program
  .command('buy')
  .description('plan, confirm and buy codes, then wait until they are delivered')
  .requiredOption('--account <name>', 'the supplier account')
  .requiredOption('--product <id>', 'product id (see catalog search)')
  .option('--variant <id>', 'variant / denomination id')
  .option('--field <NAME=VALUE...>', 'a required input of the product (repeatable)')
  .requiredOption('--quantity <n>', 'how many codes', positiveInt('--quantity'))
  .option('--yes', 'do not ask for confirmation')
  .option('--no-wait', 'return once the orders are placed')
  .action((o: { account: string; product: string; variant?: string; field?: string[]; quantity: number; yes?: boolean; wait: boolean }) =>
    withDoor(async (d, out) => {
      // Problems people must act on while the buy waits (the disk is full) are said at once, not only in a log.
      d.onEvent((e) => {
        if (e.type === 'notice' && e.level === 'error') out.info(`! ${e.message}`)
      })
      const fields: Record<string, string> = {}
      for (const f of o.field ?? []) {
        const eq = f.indexOf('=')
        if (eq < 1) throw new UsageError(`--field takes NAME=VALUE (got “${f}”).`)
        fields[f.slice(0, eq)] = f.slice(eq + 1)
      }
      const r = await runBuy(d, { accountId: await accountId(d, o.account), productId: o.product, variantId: o.variant ?? null, quantity: o.quantity, fields }, out, { yes: Boolean(o.yes), wait: o.wait })
      const delivered = r.orders.reduce((n, x) => n + x.deliveredCount, 0)
      out.result({ plan: r.plan, orders: r.orders, delivered, complete: r.complete }, () =>
        r.orders.length ? [table([ORDER_HEADER, ...r.orders.map(orderLine)]), '', `${delivered} of ${o.quantity} codes are in the vault.`].join('\n') : 'Nothing was bought.'
      )
      if (!o.wait) return r.orders.length ? 0 : 1
      return r.complete ? 0 : 1
    })()
  )

// --- orders --------------------------------------------------------------------------------------------------
const orders = program.command('orders').description('the order journal')

orders
  .command('list')
  .addOption(new Option('--status <state>', 'only orders in this state').choices(ORDER_STATES as unknown as string[]))
  .option('--limit <n>', 'at most this many', positiveInt('--limit'), 100)
  .action((o: { status?: OrderState; limit: number }) =>
    withDoor(async (d, out) => {
      const list = await d.call('orders.list', { state: o.status, limit: o.limit })
      out.result(list, () => table([ORDER_HEADER, ...list.map(orderLine)]))
    })()
  )
orders
  .command('show <id>')
  .action((id: string) =>
    withDoor(async (d, out) => {
      const detail = await d.call('orders.get', { orderId: await findOrder(d, id) })
      const o = detail.order
      out.result(detail, () =>
        [
          `Order ${o.id}  (${o.state})`,
          `  ${o.accountName}: ${o.quantity} × ${o.title} at ${money(o.unitPrice)} = ${money(o.total)}`,
          `  upstream id: ${o.upstreamId ?? '—'}   status: ${o.upstreamStatus ?? '—'}${o.step ? ` (${o.step})` : ''}`,
          ...(o.refunded ? [`  refunded: ${money(o.refunded)}`] : []),
          ...(o.error ? [`  ${o.error.message}`] : []),
          `  our reference: ${o.clientRef}`,
          ...(o.reviewReason ? [`  NEEDS REVIEW: ${o.reviewReason}`] : []),
          ...(o.reviewCandidates?.length
            ? [
                '  supplier orders that could be this one:',
                ...o.reviewCandidates.map((c) => `    ${c.upstreamId}  created ${c.createdAt ?? '—'}  qty ${c.quantity ?? '—'}  amount ${c.amount ?? '—'}  ${c.status}`)
              ]
            : []),
          ...(o.reviewReason ? [`  Resolve with: orders resolve ${o.id.slice(0, 8)} --placed UPSTREAM_ID | --not-placed`] : []),
          `  codes: ${detail.codes.length}`,
          ...detail.codes.map((c) => `    ${c.masked}  ${c.state}${c.held ? '  held for review (not exported or sold until the order is resolved)' : ''}`)
        ].join('\n')
      )
    })()
  )
orders
  .command('resolve <id>')
  .description('decide an order that needs review, after checking at the supplier')
  .option('--placed <upstreamId>', 'the supplier has it under this id')
  .option('--not-placed', 'the supplier never placed it')
  .option('--force', 'with --placed: accept an id that is not among the candidates or was created before this order was sent')
  .action((id: string, o: { placed?: string; notPlaced?: boolean; force?: boolean }) =>
    withDoor(async (d, out) => {
      if (Boolean(o.placed) === Boolean(o.notPlaced)) throw new UsageError('Give exactly one of --placed UPSTREAM_ID or --not-placed.')
      const orderId = await findOrder(d, id)
      // Checked with the supplier first; a refusal throws (exit 1) and changes nothing.
      const v = await d.call('orders.resolve', { orderId, resolution: o.placed ? { kind: 'placed', upstreamId: o.placed, force: Boolean(o.force) } : { kind: 'not_placed' } })
      if (o.placed) {
        out.info('Fetching the order from the supplier…')
        await d.call('orders.wait', { orderIds: [orderId] })
      }
      const final = (await d.call('orders.get', { orderId })).order
      out.result(final, () => `Order ${v.id.slice(0, 8)} is now ${final.state.replace('_', ' ')}; ${final.deliveredCount} code(s) stored.`)
      // Back in review (the supplier's answer raised a new doubt): nothing is settled, say so in the exit code.
      return final.state === 'needs_review' ? 1 : 0
    })()
  )
orders
  .command('cancel <id>')
  .description('cancel an order before delivery (not yet sent: here; sent: at suppliers that allow it)')
  .option('--reason <text>', 'why, for the supplier and the log')
  .action((id: string, o: { reason?: string }) =>
    withDoor(async (d, out) => {
      const v = await d.call('orders.cancel', { orderId: await findOrder(d, id), ...(o.reason !== undefined ? { reason: o.reason } : {}) })
      out.result(v, () => `Order ${v.id.slice(0, 8)} is now ${v.state}${v.refunded ? `; refunded ${money(v.refunded)}` : ''}.`)
      return v.state === 'cancelled' || v.state === 'failed' ? 0 : 1
    })()
  )
orders
  .command('wait')
  .description('resume unfinished orders (e.g. after a crash) and wait until they settle')
  .action(() =>
    withDoor(async (d, out) => {
      const active = (await Promise.all(ACTIVE_ORDER_STATES.map((state) => d.call('orders.list', { state, limit: 1000 })))).flat()
      if (active.length === 0) {
        out.result([], () => 'No unfinished orders.')
        return 0
      }
      out.info(`Resuming ${active.length} unfinished order(s)…`)
      const views = await d.call('orders.wait', {})
      out.result(views, () => table([ORDER_HEADER, ...views.map(orderLine)]))
      return views.every((v) => v.state === 'completed') ? 0 : 1
    })()
  )

// --- ledger ------------------------------------------------------------------------------------------------
const ledger = program.command('ledger').description('upstream operations and sales next to our own purchases')
ledger
  .command('sync')
  .option('--account <name>', 'only this account')
  .action((o: { account?: string }) =>
    withDoor(async (d, out) => {
      const r = await d.call('ledger.sync', { accountId: await optionalAccountId(d, o.account) })
      out.result(r, () => [`Imported ${r.added} new entr${r.added === 1 ? 'y' : 'ies'}.`, ...r.failed.map((f) => `✗ ${f.message}`)].join('\n'))
      return r.failed.length ? 1 : 0
    })()
  )
ledger
  .command('list')
  .option('--account <name>', 'only this account')
  .option('--since <date>', 'only from this date (YYYY-MM-DD)')
  .option('--limit <n>', 'at most this many', positiveInt('--limit'), 100)
  .action((o: { account?: string; since?: string; limit: number }) =>
    withDoor(async (d, out) => {
      if (o.since && Number.isNaN(Date.parse(o.since))) throw new UsageError('--since takes a date such as 2026-11-01.')
      const rows = await d.call('ledger.list', {
        accountId: await optionalAccountId(d, o.account),
        since: o.since ? new Date(o.since).toISOString() : undefined,
        limit: o.limit
      })
      out.result(rows, () =>
        table([['WHEN', 'ACCOUNT', 'SOURCE', 'KIND', 'AMOUNT', 'WHAT'], ...rows.map((r) => [r.at.slice(0, 16).replace('T', ' '), r.accountName, r.source, r.kind, money(r.amount), r.description])])
      )
    })()
  )

// --- codes ---------------------------------------------------------------------------------------------------
const codes = program.command('codes').description('the code inventory')
codes
  .command('export')
  .requiredOption('--csv <file>', 'write the codes to this CSV file')
  .option('--account <name>', 'only this account')
  .option('--product <id>', 'only this product')
  .addOption(new Option('--status <state>', 'only codes in this state').choices(CODE_STATES as unknown as string[]))
  .addOption(new Option('--mark <state>', 'mark the exported codes').choices(['exported']))
  .option('--bom', 'start the file with a BOM so Excel reads it as UTF-8')
  .option('--columns <list>', `comma-separated columns (default all; the code is always included): ${EXPORT_COLUMNS.join(',')}`)
  .action((o: { csv: string; account?: string; product?: string; status?: CodeState; mark?: 'exported'; bom?: boolean; columns?: string }) =>
    withDoor(async (d, out) => {
      const filter = {
        ...(o.account ? { accountId: await accountId(d, o.account) } : {}),
        ...(o.product ? { productId: o.product } : {}),
        ...(o.status ? { state: o.status } : {})
      }
      const columns = o.columns?.split(',').map((c) => c.trim())
      const unknown = columns?.filter((c) => !(EXPORT_COLUMNS as readonly string[]).includes(c)) ?? []
      if (unknown.length) throw new UsageError(`Unknown column(s): ${unknown.join(', ')}. Choose from: ${EXPORT_COLUMNS.join(', ')}.`)
      const r = await d.call('codes.export', { filter, markExported: o.mark === 'exported', bom: Boolean(o.bom), ...(columns ? { columns: columns as ExportColumn[] } : {}) })
      if (r.status !== 'written') throw new UsageError('Give the file with --csv FILE.')
      const { path, count, marked, leftOut } = r
      out.result({ path, count, marked, leftOut }, () =>
        [
          `Wrote ${count} code(s) to ${path}${o.mark === 'exported' ? `; marked ${marked} exported` : ''}.`,
          ...(leftOut > 0 ? [`Left out ${leftOut} code(s) that another ResellerDesk window or command is exporting right now.`] : [])
        ].join('\n')
      )
    }, cliShell({ exportTo: resolve(o.csv) }))()
  )
codes
  .command('list')
  .description('list codes (masked), newest first')
  .option('--account <name>', 'only this account')
  .option('--product <id>', 'only this product')
  .option('--order <id>', 'only this order (id or its first characters)')
  .addOption(new Option('--status <state>', 'only codes in this state').choices(CODE_STATES as unknown as string[]))
  .option('--from <date>', 'delivered on or after this date (YYYY-MM-DD, local time, or an ISO date-time)')
  .option('--to <date>', 'delivered on or before this date')
  .option('--limit <n>', 'at most this many', positiveInt('--limit'), 100)
  .action((o: { account?: string; product?: string; order?: string; status?: CodeState; from?: string; to?: string; limit: number }) =>
    withDoor(async (d, out) => runCodesList(d, out, await codeFilterFrom(d, o, findOrder), o.limit))()
  )
codes
  .command('mark')
  .description('mark codes sold or void, by id or by filter (each change is in the audit log with your name)')
  .option('--ids <ids>', 'code ids (or their first characters), separated by commas')
  .option('--account <name>', 'every code of this account…')
  .option('--product <id>', '…of this product')
  .option('--order <id>', '…of this order')
  .addOption(new Option('--status <state>', '…in this state').choices(CODE_STATES as unknown as string[]))
  .option('--from <date>', '…delivered on or after this date')
  .option('--until <date>', '…delivered on or before this date')
  .addOption(new Option('--to <state>', 'the new state').choices(['sold', 'void']).makeOptionMandatory())
  .option('--reason <text>', 'why (required for void)')
  .action((o: { ids?: string; account?: string; product?: string; order?: string; status?: CodeState; from?: string; until?: string; to: 'sold' | 'void'; reason?: string }) =>
    withDoor(async (d, out) => {
      const filter = await codeFilterFrom(d, { ...o, to: o.until }, findOrder)
      if (o.ids && Object.keys(filter).length) throw new UsageError('Give either --ids or filters, not both.')
      return runCodesMark(d, out, o.ids ? { codeIds: await resolveCodeIds(d, o.ids) } : { filter }, o.to, o.reason)
    })()
  )

// --- markup, reconcile ---------------------------------------------------------------------------------------
const markup = program.command('markup').description('markup rules: the sell price shown beside each cost in catalog search')
markup
  .command('list')
  .option('--account <name>', 'only this account')
  .action((o: { account?: string }) => withDoor(async (d, out) => runMarkupList(d, out, await optionalAccountId(d, o.account)))())
markup
  .command('set')
  .description('set the rule for an account (or one category of it), replacing the one there was')
  .requiredOption('--account <name>', 'the supplier account')
  .option('--category <name>', 'only this catalog category (default: every category)')
  .option('--percent <p>', 'add this percentage of the cost, e.g. 15')
  .option('--fixed <amount>', "add this amount, in the account's currency")
  .option('--round-step <step>', 'round the sell price to a multiple of this, e.g. 0.05, 1 or 10')
  .addOption(new Option('--round <mode>', 'how to round to the step').choices(['up', 'nearest']).default('up'))
  .action((o: { account: string; category?: string; percent?: string; fixed?: string; roundStep?: string; round: 'up' | 'nearest' }) =>
    withDoor(async (d, out) => runMarkupSet(d, out, { ...o, accountId: await accountId(d, o.account) }))()
  )
markup
  .command('remove <id>')
  .action((id: string) => withDoor(async (d, out) => runMarkupRemove(d, out, id))())

program
  .command('reconcile')
  .description('our journal (spent − refunded) against each supplier’s balance change over a period; lists every mismatch (exit 1 when there is one)')
  .option('--account <name>', 'only this account')
  .option('--from <date>', 'start of the period (default: 30 days ago)')
  .option('--to <date>', 'end of the period (default: now, reading balances first)')
  .option('--no-refresh', 'do not read balances now; use only the stored readings')
  .action((o: { account?: string; from?: string; to?: string; refresh: boolean }) =>
    withDoor(async (d, out) =>
      runReconcile(d, out, { ...(o.account ? { accountId: await accountId(d, o.account) } : {}), ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}), refresh: o.refresh })
    )()
  )

// --- sim, demo -----------------------------------------------------------------------------------------------
program
  .command('sim')
  .description('serve the upstream simulators on 127.0.0.1 until interrupted')
  .option('--port <n>', 'port of the first simulator', positiveInt('--port'))
  .option('--speed <x>', 'time scale (1 = real upstream timing)', (v) => {
    if (!/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0) throw new UsageError('--speed must be a positive number.')
    return Number(v)
  }, 1)
  .action(async (o: { port?: number; speed: number }) => runSim(new Output(globals().json), o))

program
  .command('demo')
  .description('start the simulators, set up demo accounts, buy codes and export them — all for real, against simulated suppliers')
  .option('--quantity <n>', 'how many codes to buy from DigetalHube (2 from each other supplier)', positiveInt('--quantity'), 20)
  .option('--out <file>', 'where to export the CSV (default: in the demo data folder)')
  .action(async (o: { quantity: number; out?: string }) => {
    const g = globals()
    process.exitCode = await runDemo(new Output(g.json), { quantity: o.quantity, ...(o.out ? { out: resolve(o.out) } : {}), ...(g.dataDir ? { dataDir: g.dataDir } : {}) })
  })

// --- backup, recovery-key ----------------------------------------------------------------------------------------
registerBackupCommands(program, { globals, withDoor })

async function main(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv)
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are not errors
      process.exitCode = e.exitCode === 0 ? 0 : 2
      return
    }
    const json = process.argv.includes('--json')
    const err = toPublicError(e)
    new Output(json).error(e instanceof UsageError ? 'USAGE' : err.code, e instanceof UsageError ? e.message : err.message)
    process.exitCode = exitCodeFor(e)
  }
}

await main(process.argv)
