// Every sentence the catalog slice says to people (watched items that changed), in one place so translation is a
// later step, not a hunt through the services.
import { format } from '../money'
import type { WatchedState } from '../../shared/contract'

const stockText = (s: WatchedState): string => (!s.inStock ? 'out of stock' : s.stock === null ? 'in stock' : `${s.stock} in stock`)

export const catalogText = {
  watchChanged: (account: string, title: string, before: WatchedState | null, after: WatchedState | null): string => {
    if (!after) return `${title} (${account}) is no longer in the supplier's catalog.`
    if (!before) return `${title} (${account}) is in the catalog now: ${format(after.price)}, ${stockText(after)}.`
    const parts: string[] = []
    if (before.price.amount !== after.price.amount || before.price.currency !== after.price.currency) parts.push(`price ${format(before.price)} → ${format(after.price)}`)
    if (before.stock !== after.stock || before.inStock !== after.inStock) parts.push(`stock ${stockText(before)} → ${stockText(after)}`)
    return `${title} (${account}): ${parts.join(', ')}.`
  },
  watchMore: (n: number): string => `…and ${n} more watched product${n === 1 ? '' : 's'} changed.`,
} as const
