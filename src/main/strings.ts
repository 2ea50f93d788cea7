// Every user-facing string of the main process (dialogs, tray, notifications, IPC refusals), in one place so
// translation (Arabic, French, Turkish, Russian — DESIGN.md §7) is a later step, not a hunt through the code.
// Plurals are functions so a translation can bring its own plural rules.

export const strings = {
  appName: 'ResellerDesk',

  // Start-up and shutdown
  startFailedTitle: 'ResellerDesk could not start',
  startFailedUnknown: 'Something unexpected stopped ResellerDesk from starting. Nothing was bought or lost.',

  // Export save dialog
  exportDialogTitle: 'Export codes',
  exportDialogButton: 'Export',
  csvFilterName: 'CSV (comma-separated values)',

  // Backup dialogs
  backupFolderDialogTitle: 'Choose where automatic backups go',
  backupFolderDialogButton: 'Use this folder',
  restoreDialogTitle: 'Choose a backup to restore',
  restoreDialogButton: 'Restore',
  backupFilterName: 'ResellerDesk backup',

  // IPC refusals
  forbiddenSender: 'This request did not come from the ResellerDesk window and was refused.',

  // Tray
  trayOpen: 'Open ResellerDesk',
  trayQuit: 'Quit',
  trayNoAccounts: 'No accounts yet',
  trayBalanceLine: (accountName: string, amount: string, low: boolean): string =>
    `${accountName}: ${amount}${low ? ' — low' : ''}`,
  trayOpenOrders: (n: number): string => (n === 0 ? 'No open orders' : n === 1 ? '1 open order' : `${n} open orders`),
  trayTooltip: (openOrders: number, lowBalances: number, demo: boolean): string => {
    const parts = [demo ? 'ResellerDesk (demo)' : 'ResellerDesk']
    if (openOrders > 0) parts.push(openOrders === 1 ? '1 open order' : `${openOrders} open orders`)
    if (lowBalances > 0) parts.push(lowBalances === 1 ? '1 balance low' : `${lowBalances} balances low`)
    return parts.join(' — ')
  },

  trayLastDeliveries: 'Last deliveries',
  trayDeliveryLine: (time: string, summary: string): string => `${time}  ${summary}`,

  // Low balance (once per crossing below the account's threshold)
  balanceLowTitle: (accountName: string): string => `Balance low — ${accountName}`,
  balanceLowBody: (available: string, threshold: string): string => `${available} left, below your warning level of ${threshold}. Top up to keep buying.`,

  // Order notifications (one per settled batch)
  codesDelivered: (n: number): string => (n === 1 ? '1 code delivered' : `${n} codes delivered`),
  codesPartlyDelivered: (delivered: number, asked: number): string => `${delivered} of ${asked} codes delivered`,
  ordersFailed: (n: number): string => (n === 1 ? 'Order failed' : `${n} orders failed`),
  orderCancelled: 'Order cancelled',
  refunded: (amounts: string): string => `refunded ${amounts}`,
  needsReview: (n: number): string => (n === 1 ? 'An order needs your review' : `${n} orders need your review`),
  /** Title and body joined for the in-app notice: "25 codes delivered — PUBG Mobile 60 UC". */
  joinNotice: (title: string, body: string): string => (body ? `${title} — ${body}` : title),
  listJoin: ', ',
  andMore: (n: number): string => `and ${n} more`
} as const
