// Turns a basket into a plan: one upstream order per (account, product, ≤ the upstream's maximum per order),
// priced from the cached catalog and checked against each account's balance and stock. Pure: the same inputs
// always give the same plan, and nothing is sent or written here.
import type { BasketLine, CustomField, Money, PlanProblem, PlanView } from '../../shared/contract'
import { compare, format, multiply, sum, zero } from '../money'
import { amountProblem } from '../providers/amounts'

export interface PlannerAccount {
  id: string
  name: string
  currency: string
  supplier: boolean
  minPerOrder: number
  maxPerOrder: number
}

export interface PlannerItem {
  title: string
  variantName: string | null
  price: Money
  stock: number | null
  inStock: boolean
  maxPerOrder: number
  fields: CustomField[]
}

export interface PlannerInputs {
  account(id: string): PlannerAccount | null
  item(accountId: string, productId: string, variantId: string | null): PlannerItem | null
  /** Latest known available balance; null when it could not be read. */
  balance(accountId: string): Money | null
}

/** [10, 10, 5] for 25 at most 10 per order. */
export function splitQuantity(quantity: number, maxPerOrder: number): number[] {
  if (!Number.isSafeInteger(quantity) || quantity < 1) return []
  const max = Math.max(1, Math.floor(maxPerOrder))
  const parts: number[] = []
  for (let left = quantity; left > 0; left -= max) parts.push(Math.min(max, left))
  return parts
}

function fieldProblems(fields: CustomField[], given: Record<string, string>, lineIndex: number): PlanProblem[] {
  const problems: PlanProblem[] = []
  for (const f of fields) {
    const value = (given[f.name] ?? '').trim()
    if (f.required && value === '') {
      problems.push({ code: 'FIELD_REQUIRED', message: `“${f.label}” is required for this product.`, lineIndex })
    } else if (value !== '' && f.pattern) {
      let ok = true
      try {
        ok = new RegExp(`^(?:${f.pattern})$`).test(value)
      } catch {
        ok = true // an upstream pattern we cannot read is the upstream's to enforce
      }
      if (!ok) problems.push({ code: 'FIELD_INVALID', message: `“${f.label}” does not look right: “${value}”.`, lineIndex })
    }
  }
  return problems
}

export function planBasket(lines: readonly BasketLine[], inputs: PlannerInputs): PlanView {
  const problems: PlanProblem[] = []
  const planLines: PlanView['lines'] = []
  const costByAccount = new Map<string, { account: PlannerAccount; cost: Money }>()
  // Stock is checked against the whole basket, not line by line: two lines of 300 for a product with 500 in stock
  // would each pass alone and then leave orders failing at the supplier.
  const stockKey = (l: BasketLine): string => JSON.stringify([l.accountId, l.productId, l.variantId])
  const askedInBasket = new Map<string, { quantity: number; lines: number }>()
  for (const l of lines) {
    const k = stockKey(l)
    const prev = askedInBasket.get(k) ?? { quantity: 0, lines: 0 }
    askedInBasket.set(k, { quantity: prev.quantity + (Number.isSafeInteger(l.quantity) && l.quantity > 0 ? l.quantity : 0), lines: prev.lines + 1 })
  }

  lines.forEach((line, lineIndex) => {
    const account = inputs.account(line.accountId)
    if (!account) {
      problems.push({ code: 'ACCOUNT_NOT_FOUND', message: 'This basket names an account that does not exist any more.', lineIndex })
      return
    }
    if (!account.supplier) {
      problems.push({ code: 'NOT_A_SUPPLIER', message: `${account.name} is a storefront account; codes cannot be bought from it.`, lineIndex })
      return
    }
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      problems.push({ code: 'INVALID_QUANTITY', message: 'Quantity must be a whole number of at least 1.', lineIndex })
      return
    }
    const item = inputs.item(line.accountId, line.productId, line.variantId)
    if (!item) {
      problems.push({
        code: 'PRODUCT_NOT_FOUND',
        message: `Product ${line.productId} is not in ${account.name}'s catalog. Sync the catalog and try again.`,
        lineIndex
      })
      return
    }
    const title = item.variantName ? `${item.title} — ${item.variantName}` : item.title
    // The catalog sync keeps impossible prices out, but a row cached before that rule (or a rule change) may hold
    // one: never plan against it — at −5 a plan once showed "costs −150.00 USDT" and sent the orders.
    const priceProblem = amountProblem(item.price.amount, 'price')
    if (priceProblem) {
      const shown = item.price.amount.length > 24 ? `${item.price.amount.slice(0, 20)}… ${item.price.currency}` : format(item.price)
      problems.push({
        code: 'IMPOSSIBLE_PRICE',
        message: `The price of “${title}” is ${shown}, which cannot be right (it ${priceProblem}). Sync the catalog; if it stays, ask the supplier.`,
        lineIndex
      })
      return
    }
    const asked = askedInBasket.get(stockKey(line)) ?? { quantity: line.quantity, lines: 1 }
    if (!item.inStock || (item.stock !== null && item.stock < asked.quantity)) {
      const have = item.stock ?? 0
      const what = asked.lines > 1 ? `the basket asks for ${asked.quantity} across ${asked.lines} lines` : `you asked for ${line.quantity}`
      problems.push({
        code: 'OUT_OF_STOCK',
        message: item.inStock && have > 0 ? `Only ${have} of “${title}” in stock; ${what}.` : `“${title}” is out of stock.`,
        lineIndex
      })
    }
    problems.push(...fieldProblems(item.fields, line.fields, lineIndex))
    const max = Math.min(account.maxPerOrder, item.maxPerOrder)
    const orderQuantities = splitQuantity(line.quantity, max)
    const total = multiply(item.price, line.quantity)
    planLines.push({
      accountId: account.id,
      accountName: account.name,
      productId: line.productId,
      variantId: line.variantId,
      title,
      quantity: line.quantity,
      unitPrice: item.price,
      total,
      orderQuantities
    })
    const entry = costByAccount.get(account.id) ?? { account, cost: zero(item.price.currency) }
    entry.cost = sum([entry.cost, total], item.price.currency)
    costByAccount.set(account.id, entry)
  })

  const accounts: PlanView['accounts'] = []
  for (const { account, cost } of costByAccount.values()) {
    const balance = inputs.balance(account.id)
    let sufficient = false
    if (balance === null) {
      problems.push({ code: 'BALANCE_UNKNOWN', message: `Could not read ${account.name}'s balance, so the cost cannot be checked. Try again.`, lineIndex: null })
    } else if (balance.currency !== cost.currency) {
      problems.push({ code: 'CURRENCY_MISMATCH', message: `${account.name}'s balance is in ${balance.currency} but prices are in ${cost.currency}.`, lineIndex: null })
    } else {
      sufficient = compare(balance, cost) >= 0
      if (!sufficient) {
        problems.push({
          code: 'INSUFFICIENT_BALANCE',
          message: `${account.name} needs ${cost.amount} ${cost.currency} but has ${balance.amount} ${balance.currency}. Top up or buy fewer.`,
          lineIndex: null
        })
      }
    }
    accounts.push({ accountId: account.id, accountName: account.name, cost, balance, sufficient })
  }

  const totals = new Map<string, Money>()
  for (const l of planLines) totals.set(l.total.currency, sum([totals.get(l.total.currency) ?? zero(l.total.currency), l.total], l.total.currency))
  return { lines: planLines, accounts, problems, totals: [...totals.values()], canPlace: problems.length === 0 && planLines.length > 0 }
}
