// The words every part of the window shares, in English: the language itself, common buttons, errors, the suppliers'
// names and the states of orders and codes. Each feature's own texts are in features/<feature>/text.en.ts; i18n/en.ts
// merges them all.
import type { CodeState, OrderState, ProviderKind } from '../../../shared/domain'

/** "1 code", "25 codes": used by several features' texts. */
export const codesCount = (n: number): string => (n === 1 ? '1 code' : `${n} codes`)

export const lang = 'en'

export const dir = 'ltr' as 'ltr' | 'rtl'

/** Locale for dates (Intl); money is formatted by our own helper with the separators below. */
export const locale = 'en-GB'

export const number = { group: ',', decimal: '.' }

export const appName = 'ResellerDesk'

export const common = {
  cancel: 'Cancel',
  close: 'Close',
  confirm: 'Confirm',
  refresh: 'Refresh',
  retry: 'Try again',
  loading: 'Loading…',
  working: 'Working…',
  none: '—',
  all: 'All',
  remove: 'Remove',
  copy: 'Copy',
  save: 'Save',
  saving: 'Saving…',
  dismiss: 'Dismiss',
  dismissGlyph: '×',
  optional: '(optional)',
  yes: 'Yes',
  no: 'No',
  openOrder: 'Open order',
  edit: 'Edit'
}

export const errors = {
  noBridge: 'ResellerDesk could not reach its core. Restart the app.',
  ipcFailed: 'The request did not reach ResellerDesk’s core. Try again; if it keeps failing, restart the app.',
  startFailed: 'ResellerDesk could not start.'
}

export const providers = {
  digetalhube: 'DigetalHube',
  aidigitaltools: 'AI Digital Tools',
  oneclickdz: 'OneClickDz',
  hyper: 'Hyper Teknoloji',
  digiseller: 'Digiseller'
} satisfies Record<ProviderKind, string>

export const orderStates = {
  planned: 'Planned',
  submitting: 'Sending',
  submitted: 'Sent',
  processing: 'Processing',
  completed: 'Completed',
  partially_completed: 'Partly delivered',
  failed: 'Failed · refunded',
  cancelled: 'Cancelled',
  needs_review: 'Needs review'
} satisfies Record<OrderState, string>

export const codeStates = {
  in_stock: 'In stock',
  exported: 'Exported',
  sold: 'Sold',
  void: 'Void'
} satisfies Record<CodeState, string>

/** Upstream progress steps (DigetalHube processing_step and friends); unknown ones are shown tidied up. */
export const steps = {
  started: 'Started',
  checking_balance: 'Checking balance',
  creating_invoice: 'Creating invoice',
  transferring: 'Transferring',
  waiting_deposit: 'Waiting for deposit',
  purchasing: 'Purchasing'
} as Record<string, string>
