// Every user-facing string of the main process (dialogs, tray, notifications, IPC refusals), in one place so
// translation (Arabic, French, Turkish, Russian — DESIGN.md §7) is a later step, not a hunt through the code.
// Plurals are functions so a translation can bring its own plural rules.

export const strings = {
  appName: 'ResellerDesk',

  // Start-up and shutdown
  startFailedTitle: 'ResellerDesk could not start',
  startFailedUnknown: 'Something unexpected stopped ResellerDesk from starting. Nothing was bought or lost.',

  // Application menu
  menuFile: 'File',
  menuEdit: 'Edit',
  menuView: 'View',
  menuWindow: 'Window',
  menuHelp: 'Help',
  menuStartAtLogin: 'Start ResellerDesk when I log in',
  menuCloseWindow: 'Close window (keeps running in the tray)',
  menuQuit: 'Quit ResellerDesk',
  menuQuitMac: 'Quit ResellerDesk',
  menuCheckForUpdates: 'Check for updates…',
  menuOpenLogsFolder: 'Open logs folder',

  // Close to tray (shown once)
  keptRunningTitle: 'ResellerDesk is still running',
  keptRunningBody: 'Deliveries and balance alerts keep coming. Open it again from the tray icon; Quit is in the tray menu.',

  // Crashes
  windowReloadedTitle: 'The window was reloaded',
  windowReloadedBody: 'The ResellerDesk window stopped unexpectedly and was reloaded. Orders kept running in the background; nothing was lost.',
  windowGoneTitle: 'The ResellerDesk window stopped again',
  windowGoneBody: 'The window stopped twice in a short time. Orders keep running in the background. Quit ResellerDesk and start it again; if it keeps happening, send the logs folder (Help → Open logs folder) to support.',
  mainErrorTitle: 'Something went wrong in ResellerDesk',
  mainErrorBody: (message: string): string =>
    `${message}\n\nYour orders and codes are safe: every step of an order is saved as it happens. If ResellerDesk misbehaves, quit and start it again. The details are in the log (Help → Open logs folder).`,

  // Updates
  updateReadyTitle: 'An update is ready',
  updateReadyBody: (version: string): string => `ResellerDesk ${version} has been downloaded. Restart now to use it, or choose Later and restart when it suits you.`,
  updateRestart: 'Restart to update',
  updateLater: 'Later',
  updateWaitingForOrders: 'The update will be installed once the orders in progress have finished.',

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
