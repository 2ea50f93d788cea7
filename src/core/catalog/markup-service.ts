// Markup rules: the shop's sell price beside each cost. A rule belongs to an account and optionally to one
// category of its catalog; the category rule wins over the account-wide one. Exact decimals throughout.
import { randomUUID } from 'node:crypto'
import Decimal from 'decimal.js'
import type { MarkupRounding, MarkupRuleInput, MarkupRuleView, Money } from '../../shared/contract'
import type { MarkupRuleRecord } from '../db/markup-repo'
import type { Storage } from '../db/storage'
import { AppError } from '../errors'
import { normalize } from '../money'

/** The repositories this service uses (SQL stays in the storage layer, src/core/db). */
export type MarkupStorage = Pick<Storage, 'accounts' | 'audit' | 'markup' | 'transaction'>

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })

export interface MarkupRule {
  kind: 'percent' | 'fixed'
  value: string
  rounding: MarkupRounding | null
}

/** Rounds to a multiple of `step`: up (ceiling) or nearest (halves up). */
export function roundToStep(amount: string, rounding: MarkupRounding): string {
  const step = new D(rounding.step)
  if (step.lte(0)) throw new AppError('VALIDATION', 'The rounding step must be greater than zero.')
  const units = new D(amount).div(step)
  const whole = rounding.mode === 'up' ? units.ceil() : units.toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
  return normalize(whole.times(step).toFixed())
}

/** cost + percent or fixed amount, then rounded. The result keeps the cost's currency. */
export function applyMarkup(cost: Money, rule: MarkupRule): Money {
  const c = new D(cost.amount)
  const raised = rule.kind === 'percent' ? c.times(new D(rule.value).div(100).plus(1)) : c.plus(rule.value)
  const amount = normalize(raised.toFixed())
  return { amount: rule.rounding ? roundToStep(amount, rule.rounding) : amount, currency: cost.currency }
}

/** Prices items with rules loaded once (a search prices hundreds of items). */
export type Pricer = (item: { accountId: string; category: string; price: Money }) => Money | null

export class MarkupService {
  constructor(
    private readonly storage: MarkupStorage,
    private readonly actor: () => string,
    private readonly now: () => Date
  ) {}

  private toView(r: MarkupRuleRecord, names: Map<string, { name: string; currency: string }>): MarkupRuleView {
    const a = names.get(r.accountId)
    return {
      id: r.id,
      accountId: r.accountId,
      accountName: a?.name ?? '',
      currency: a?.currency ?? '',
      category: r.category,
      kind: r.kind,
      value: r.value,
      rounding: r.roundStep && r.roundMode ? { step: r.roundStep, mode: r.roundMode } : null,
      updatedAt: r.updatedAt
    }
  }

  private accountNames(): Map<string, { name: string; currency: string }> {
    return new Map(this.storage.accounts.list().map((a) => [a.id, { name: a.name, currency: a.currency }]))
  }

  list(accountId?: string): MarkupRuleView[] {
    const names = this.accountNames()
    return this.storage.markup.list(accountId).map((r) => this.toView(r, names))
  }

  /** Sets the rule for (account, category), replacing the one there was. */
  set(input: MarkupRuleInput): MarkupRuleView {
    if (!this.storage.accounts.get(input.accountId)) throw new AppError('NOT_FOUND', 'That account does not exist.')
    const at = this.now().toISOString()
    const rec = this.storage.transaction(() => {
      const saved = this.storage.markup.upsert({
        id: randomUUID(),
        accountId: input.accountId,
        category: input.category,
        kind: input.kind,
        value: normalize(input.value),
        roundStep: input.rounding ? normalize(input.rounding.step) : null,
        roundMode: input.rounding?.mode ?? null,
        updatedAt: at
      })
      this.storage.audit.append({
        at,
        actor: this.actor(),
        action: 'markup.set',
        subjectType: 'account',
        subjectId: input.accountId,
        detail: { ruleId: saved.id, category: saved.category, kind: saved.kind, value: saved.value, roundStep: saved.roundStep, roundMode: saved.roundMode }
      })
      return saved
    })
    return this.toView(rec, this.accountNames())
  }

  remove(ruleId: string): boolean {
    const rule = this.storage.markup.get(ruleId)
    if (!rule) return false
    return this.storage.transaction(() => {
      const removed = this.storage.markup.remove(ruleId)
      this.storage.audit.append({ at: this.now().toISOString(), actor: this.actor(), action: 'markup.remove', subjectType: 'account', subjectId: rule.accountId, detail: { ruleId, category: rule.category } })
      return removed
    })
  }

  /** The rule for an item: its category's rule, else the account-wide one, else none. */
  pricer(): Pricer {
    const byAccount = new Map<string, { all: MarkupRuleRecord | null; byCategory: Map<string, MarkupRuleRecord> }>()
    for (const r of this.storage.markup.list()) {
      const entry = byAccount.get(r.accountId) ?? { all: null, byCategory: new Map() }
      if (r.category === null) entry.all = r
      else entry.byCategory.set(r.category.toLowerCase(), r)
      byAccount.set(r.accountId, entry)
    }
    return (item) => {
      const entry = byAccount.get(item.accountId)
      const rule = entry ? (entry.byCategory.get(item.category.toLowerCase()) ?? entry.all) : null
      if (!rule) return null
      return applyMarkup(item.price, { kind: rule.kind, value: rule.value, rounding: rule.roundStep && rule.roundMode ? { step: rule.roundStep, mode: rule.roundMode } : null })
    }
  }
}
