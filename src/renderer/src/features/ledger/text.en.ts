// The Ledger screen's texts in English.
import type { LedgerRowView } from '../../../../shared/contract'

type LedgerKind = LedgerRowView['kind']

export const ledger = {
  title: 'Ledger',
  intro: 'Money in and out per account: statements imported from the accounts (sales, refunds, withdrawals), next to the purchases and refunds of our own orders.',
  account: 'Account',
  allAccounts: 'All accounts',
  sync: 'Sync statements',
  syncing: 'Syncing…',
  synced: (n: number) => (n === 1 ? 'Ledger synced: 1 new entry.' : `Ledger synced: ${n} new entries.`),
  syncFailed: (account: string, message: string) => `${account}: ${message}`,
  noStatements: 'None of your accounts keeps a statement to import; the ledger shows your own purchases and refunds.',
  colDate: 'Date',
  colAccount: 'Account',
  colSource: 'Source',
  colKind: 'Kind',
  colDescription: 'Description',
  colReference: 'Reference',
  colAmount: 'Amount',
  sourceUpstream: 'Account statement',
  sourceJournal: 'Our orders',
  empty: 'Nothing here yet. Purchases and refunds appear as orders finish; Sync imports the statements of accounts that keep one.',
  truncated: (n: number) => `Showing the latest ${n} entries. Choose an account to see others.`,
  kinds: {
    sale: 'Sale',
    refund: 'Refund',
    withdrawal: 'Withdrawal',
    deposit: 'Deposit',
    fee: 'Fee',
    purchase: 'Purchase',
    other: 'Other'
  } satisfies Record<LedgerKind, string>
}
