// The one log format, for the desktop app's log file (electron-log, src/main/logging.ts) and the CLI's --verbose
// (stderr): the same lines in both places, so a shop's log file and a support person's terminal read alike.
//
// What may be logged is decided here, by construction: ids, states, counts, amounts, channel names, error codes and
// the sentences written for people. Never a request's input or a reply's value — that is where codes, API keys and
// passphrases travel — so nothing here ever looks inside them (test/integration/log-secrecy.test.ts checks it).
import type { AppEvent, EventBus } from './events'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

/** `2026-12-04T17:00:00.000Z warn  message` — UTC, so lines from a shop in Algiers and a laptop in Paris sort alike. */
export function formatLogLine(level: LogLevel, message: string, at: Date = new Date()): string {
  // One entry per line: a newline inside a message (a multi-line error) would read as a forged second entry.
  return `${at.toISOString()} ${level.padEnd(5)} ${message.replace(/\r?\n/g, ' ⏎ ')}`
}

/** A Logger that formats each entry and hands the line to `write` (a file transport, stderr, a test's array). */
export function lineLogger(write: (line: string, level: LogLevel) => void, opts: { minLevel?: LogLevel; now?: () => Date } = {}): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error']
  const min = order.indexOf(opts.minLevel ?? 'debug')
  const now = opts.now ?? (() => new Date())
  const at = (level: LogLevel) => (message: string) => {
    if (order.indexOf(level) >= min) write(formatLogLine(level, message, now()), level)
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

/** Text of an unknown thrown value for a log line: the message, never the object (which may carry a request). */
export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name === 'Error' ? '' : e.name + ': '}${e.message}`
  return typeof e === 'string' ? e : 'unknown error'
}

const money = (m: { amount: string; currency: string }): string => `${m.amount} ${m.currency}`

/**
 * Logs what happens in the core as it happens, from its events: order state changes (id, state, delivered count —
 * never a code), settled orders, syncs, balance warnings, notices. Returns the unsubscribe function.
 */
export function logAppEvents(events: EventBus, logger: Logger): () => void {
  const lastState = new Map<string, string>()
  return events.on((e: AppEvent) => {
    switch (e.type) {
      case 'orders.changed':
        for (const o of e.orders) {
          const key = `${o.state}/${o.deliveredCount}`
          if (lastState.get(o.id) === key) continue // polls that changed nothing are not news
          lastState.set(o.id, key)
          logger.info(`order ${o.id} ${o.state}: ${o.deliveredCount}/${o.quantity} delivered (${o.accountName}, product ${o.productId})`)
        }
        break
      case 'order.settled': {
        const o = e.order
        const error = o.error ? `; ${o.error.code}: ${o.error.message}` : ''
        const level = o.state === 'completed' ? 'info' : 'warn'
        logger[level](`order ${o.id} settled ${o.state}: ${o.deliveredCount}/${o.quantity} delivered, total ${money(o.total)}${error}`)
        lastState.delete(o.id)
        break
      }
      case 'balances.changed':
        logger.debug(`balances refreshed: ${e.balances.length} account(s)`)
        break
      case 'catalog.synced':
        logger.info(`catalog synced for account ${e.accountId}: ${e.items} items`)
        break
      case 'accounts.changed':
        logger.debug('accounts changed')
        break
      case 'balance.low':
        logger.warn(`balance low on ${e.accountName} (${e.accountId}): ${money(e.available)} below ${money(e.threshold)}`)
        break
      case 'catalog.changed':
        logger.info(`catalog changes on ${e.accountName} (${e.accountId}): ${e.changes.length} watched item(s)`)
        break
      case 'notice':
        // Typed news already logged above is said again as a notice for people without a window: log it once.
        if (e.about) break
        logger[e.level === 'error' ? 'error' : e.level === 'warning' ? 'warn' : 'info'](`notice${e.orderId ? ` (order ${e.orderId})` : ''}: ${e.message}`)
        break
      case 'open.order':
        break
    }
  })
}

type AnyHandlers = Record<string, (input: never) => Promise<unknown>>

/**
 * Wraps every handler so each call is logged by channel name, outcome and duration: `call codes.reveal ok 12 ms`,
 * `call orders.place failed INSUFFICIENT_FUNDS: …`. The input and the value are never looked at.
 */
export function loggedHandlers<H extends AnyHandlers>(handlers: H, logger: Logger, opts: { quiet?: ReadonlySet<string>; now?: () => number } = {}): H {
  const now = opts.now ?? (() => performance.now())
  const out: Record<string, (input: never) => Promise<unknown>> = {}
  for (const [channel, handler] of Object.entries(handlers)) {
    out[channel] = async (input: never) => {
      const t0 = now()
      try {
        const value = await handler(input)
        // Reads the window makes every few seconds would drown the file: debug level for those.
        logger[opts.quiet?.has(channel) ? 'debug' : 'info'](`call ${channel} ok ${Math.round(now() - t0)} ms`)
        return value
      } catch (e) {
        const code = typeof (e as { code?: unknown })?.code === 'string' ? `${(e as { code: string }).code}: ` : ''
        logger.warn(`call ${channel} failed ${Math.round(now() - t0)} ms: ${code}${errorText(e)}`)
        throw e
      }
    }
  }
  return out as H
}
