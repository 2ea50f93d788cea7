// Every string the person sees, in English: the words the window shares (common.en.ts), the shell's (app/text.en.ts)
// and each feature's own (features/<feature>/text.en.ts), merged into one catalog. Components never hold text of
// their own. Another language is the same set of files, text.<lang>.ts beside each of these, typed with the English
// one's type, and a <lang>.ts here merging them as `Strings` (features/README.md).
import { nav, notices, topbar, vault } from '../app/text.en'
import { accounts } from '../features/accounts/text.en'
import { history } from '../features/audit/text.en'
import { balances } from '../features/balances/text.en'
import { buy } from '../features/buy/text.en'
import { catalog } from '../features/catalog/text.en'
import { codes } from '../features/codes/text.en'
import { ledger } from '../features/ledger/text.en'
import { markup } from '../features/markup/text.en'
import { deliveries, orders } from '../features/orders/text.en'
import { reconcile } from '../features/reconcile/text.en'
import { backups, profile, settings } from '../features/settings/text.en'
import { watches } from '../features/watches/text.en'
import { appName, codeStates, common, dir, errors, lang, locale, number, orderStates, providers, steps } from './common.en'

export const en = {
  lang,
  dir,
  locale,
  number,
  appName,
  common,
  errors,
  providers,
  orderStates,
  codeStates,
  steps,
  nav,
  topbar,
  notices,
  vault,
  accounts,
  settings,
  backups,
  profile,
  catalog,
  watches,
  markup,
  balances,
  reconcile,
  history,
  deliveries,
  buy,
  orders,
  codes,
  ledger
}

export type Strings = typeof en
