// The shell's texts in English: the sidebar, the top bar, the toasts' region and the unlock screen.

export const nav = {
  label: 'Main',
  catalog: 'Catalog',
  watches: 'Watched',
  markup: 'Markup rules',
  buy: 'Buy',
  orders: 'Orders',
  codes: 'Codes',
  accounts: 'Accounts',
  settings: 'Settings',
  ledger: 'Ledger',
  balances: 'Balances',
  history: 'History',
  reconcile: 'Reconcile',
  shortcut: (mod: string, n: number) => `${mod}+${n}`,
  modCtrl: 'Ctrl',
  modCmd: '⌘',
  basketCount: (n: number) => `${n} in basket`
}

export const topbar = {
  demoBadge: 'DEMO',
  demoText: 'Demo mode — simulated suppliers, no real money',
  liveBadge: 'LIVE',
  switchToLive: 'Switch to live mode',
  switchToDemo: 'Open demo mode',
  switching: 'Switching…',
  balances: 'Balances',
  noBalances: 'No balances yet',
  low: 'Low',
  refreshBalances: 'Refresh balances',
  chipTitle: 'Open Balances',
  confirmLiveTitle: 'Switch to live mode?',
  confirmLiveText:
    'Live mode uses your real supplier accounts and spends real money. Demo orders and codes stay in the demo and are not carried over.',
  confirmDemoTitle: 'Open demo mode?',
  confirmDemoText:
    'Demo mode runs simulated suppliers with play money, in a separate data folder. Your live accounts, orders and codes are not touched.',
  profileLabel: 'At the desk',
  switchProfile: 'Switch',
  switchProfileLabel: (name: string) => `Switch staff member (now ${name})`
}

export const notices = {
  region: 'Notifications'
}

export const vault = {
  unlockTitle: 'Unlock ResellerDesk',
  unlockText:
    'This computer has no usable system keychain, so your saved keys and codes are protected by a passphrase. Enter it to continue.',
  createTitle: 'Choose a passphrase',
  createText:
    'This computer has no usable system keychain. Choose a passphrase to protect your supplier keys and codes. You will need it every time ResellerDesk starts; it cannot be recovered if you forget it.',
  passphrase: 'Passphrase',
  passphraseRepeat: 'Repeat the passphrase',
  unlock: 'Unlock',
  create: 'Create passphrase',
  tooShort: 'Use at least 8 characters.',
  mismatch: 'The two passphrases are not the same.',
  useDemo: 'Use demo mode instead'
}
