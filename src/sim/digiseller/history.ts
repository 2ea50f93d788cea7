// A seeded, believable 60 days of a small storefront: ~300 sales in WMZ/WME/WMT (some through payment aggregators, one
// of them a cart), a few refunds (one partial), agent commissions, fees, top-ups (one with limits) and withdrawals to
// the wallet (one of which failed and came back). The last two days' sales are still locked.
import type Decimal from 'decimal.js'
import type { Rng } from '../common/rng'
import { Dec } from './money'
import { PURSE_OF, type AccountState, type DigisellerState, type SaleState } from './state'
import type { AggregatorCode, PaymentMethod, SimCurrency } from './types'

const DAY_MS = 24 * 60 * 60_000
const HOUR_MS = 60 * 60_000
export const HISTORY_DAYS = 60
const SALES = 300
const AGGREGATOR_SHARE = 0.08
const AGGREGATORS: readonly AggregatorCode[] = ['enot', 'paypal', 'yandex']
const PARTNER_PRODUCTS = [
  { id: 2901133, nameEn: 'Minecraft Java & Bedrock Edition key', nameRu: 'Ключ Minecraft Java & Bedrock Edition' },
  { id: 2904410, nameEn: 'Windows 11 Pro retail key', nameRu: 'Ключ Windows 11 Pro' },
  { id: 2911876, nameEn: 'Genshin Impact 980 Genesis Crystals', nameRu: 'Genshin Impact 980 кристаллов' }
]

function methodFor(currency: SimCurrency, rng: Rng): PaymentMethod {
  if (currency === 'WMT') return 'USDT TRC20'
  const roll = rng.next()
  return roll < 0.35 ? 'WebMoney' : roll < 0.8 ? 'Bank Card' : 'Faster Payments System'
}

export function generateDemoHistory(state: DigisellerState, account: AccountState, rng: Rng): void {
  const now = state.clock.nowMs()
  const start = now - HISTORY_DAYS * DAY_MS
  const products = state.products()

  // Sales, spread over the period (the newest at least ten minutes old).
  const times = Array.from({ length: SALES }, () => start + Math.floor(rng.next() * (HISTORY_DAYS * DAY_MS - 10 * 60_000))).sort((a, b) => a - b)
  const cartAt = start + 48 * DAY_MS
  let cartDone = false
  for (const atMs of times) {
    if (!cartDone && atMs > cartAt) {
      cartDone = true
      const buyer = state.newBuyer()
      const cartItems = products.filter((p) => p.currency === 'WMZ').slice(0, 3)
      const cart = cartItems.map((p, i) =>
        state.recordSale(account, { productId: p.id, aggregator: 'enot', atMs: atMs + i * 300 }, { history: true, noInvoice: true, buyer })
      )
      state.recordCart(account, cart, 'enot')
    }
    const product = rng.pick(products)
    const aggregator = product.currency !== 'WMT' && rng.chance(AGGREGATOR_SHARE) ? rng.pick(AGGREGATORS) : undefined
    const roll = rng.next()
    state.recordSale(
      account,
      { productId: product.id, atMs, method: methodFor(product.currency, rng), ...(aggregator ? { aggregator } : {}) },
      { history: true, response: roll < 0.25 ? 'positive' : roll < 0.27 ? 'negative' : null }
    )
  }

  // Refunds: four full, one partial, of sales paid on the balance and older than three days.
  const refundable = account.sales.filter((s) => s.aggregator === null && s.datePayMs < now - 3 * DAY_MS)
  const chosen = new Set<SaleState>()
  while (chosen.size < Math.min(5, refundable.length)) chosen.add(rng.pick(refundable))
  let n = 0
  for (const sale of chosen) {
    const atMs = sale.datePayMs + rng.int(1, 48) * HOUR_MS
    if (n++ < 4) state.refund(account, sale.invoiceId, { atMs })
    else state.refund(account, sale.invoiceId, { type: 'partial_refund', amount: sale.amountOut.dividedBy(2).toDecimalPlaces(2, 1).toFixed(2), atMs })
  }

  // Agent commissions for partners' products.
  for (let i = 0; i < 6; i++) {
    const amount = new Dec(rng.int(35, 240)).dividedBy(100)
    state.addAgentAccrual(account, rng.pick(PARTNER_PRODUCTS), amount, start + rng.int(1, HISTORY_DAYS - 1) * DAY_MS + rng.int(0, 23) * HOUR_MS, true)
  }

  // Fees and top-ups.
  const fixed: { type: string; amount: string; currency: SimCurrency; day: number }[] = [
    { type: 'hard_disk_rent', amount: '-1.00', currency: 'WMZ', day: 5 },
    { type: 'add_funds_to_account', amount: '50.00', currency: 'WME', day: 10 },
    { type: 'add_funds_to_account_with_limits', amount: '15.00', currency: 'WMT', day: 20 },
    { type: 'sms_packages', amount: '-2.50', currency: 'WMZ', day: 19 },
    { type: 'recommended_product', amount: '-5.00', currency: 'WMZ', day: 27 },
    { type: 'hard_disk_rent', amount: '-1.00', currency: 'WMZ', day: 35 }
  ]
  for (const f of fixed) state.addOperation(account, { type: f.type, amount: f.amount, currency: f.currency, atMs: start + f.day * DAY_MS + 9 * HOUR_MS })

  // Withdrawals last, in time order: each takes most of what was free at that moment, in whole units.
  const withdrawals: { day: number; currency: SimCurrency; share: string; fails?: boolean }[] = [
    { day: 15, currency: 'WMZ', share: '0.7' },
    { day: 30, currency: 'WME', share: '0.6', fails: true },
    { day: 31, currency: 'WME', share: '0.6' },
    { day: 40, currency: 'WMT', share: '0.7' },
    { day: 45, currency: 'WMZ', share: '0.7' },
    { day: 57, currency: 'WMZ', share: '0.5' }
  ]
  for (const w of withdrawals) {
    const atMs = start + w.day * DAY_MS + 14 * HOUR_MS + rng.int(0, 59) * 60_000
    const free: Decimal = state.balances(account, atMs)[PURSE_OF[w.currency]].free
    const amount = free.times(w.share).floor()
    if (amount.lessThan(1)) continue
    state.addOperation(account, { type: 'transfer_to_wallet', amount: amount.negated().toFixed(2), currency: w.currency, atMs })
    if (w.fails) state.addOperation(account, { type: 'error_transfer_to_wallet', amount: amount.toFixed(2), currency: w.currency, atMs: atMs + 2 * HOUR_MS })
  }
}
