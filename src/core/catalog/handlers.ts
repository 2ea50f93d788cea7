// The catalog slice's part of the contract: sync and search, markup rules and watched items.
import type { catalogChannels } from '../../shared/contract'
import type { HandlersOf } from '../handler-types'
import type { CatalogSchedule } from './catalog-schedule'
import type { CatalogService } from './catalog-service'
import type { CatalogWatchService } from './catalog-watch-service'
import type { MarkupService } from './markup-service'

export type CatalogChannel = keyof typeof catalogChannels

export function catalogHandlers(s: { catalog: CatalogService; markup: MarkupService; watches: CatalogWatchService; schedule: CatalogSchedule }): HandlersOf<CatalogChannel> {
  return {
    'catalog.sync': async (i) => s.catalog.sync(i.accountId),
    'catalog.search': async (i) => s.catalog.search(i.text, { accountId: i.accountId, productId: i.productId, limit: i.limit }),
    'catalog.status': async () => s.schedule.status(),
    'catalog.watch': async (i) => s.watches.watch(i),
    'catalog.unwatch': async (i) => ({ removed: s.watches.unwatch(i) }),
    'catalog.watches': async (i) => s.watches.list(i.accountId),
    'markup.list': async (i) => s.markup.list(i.accountId),
    'markup.set': async (i) => s.markup.set(i),
    'markup.remove': async (i) => ({ removed: s.markup.remove(i.ruleId) })
  }
}
