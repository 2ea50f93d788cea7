// Every string the person sees, in English. Other languages (Arabic, French, Turkish, Russian) will be
// objects of the same shape (`Strings`); components never hold text of their own.
import type { CodeState, OrderState, ProviderKind } from '../../../shared/domain'
import type { LedgerRowView } from '../../../shared/schemas'

type LedgerKind = LedgerRowView['kind']

export const en = {
  lang: 'en',
  dir: 'ltr' as 'ltr' | 'rtl',
  /** Locale for dates (Intl); money is formatted by our own helper with the separators below. */
  locale: 'en-GB',
  number: { group: ',', decimal: '.' },

  appName: 'ResellerDesk',

  common: {
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
  },

  errors: {
    noBridge: 'ResellerDesk could not reach its core. Restart the app.',
    ipcFailed: 'The request did not reach ResellerDesk’s core. Try again; if it keeps failing, restart the app.',
    startFailed: 'ResellerDesk could not start.'
  },

  nav: {
    label: 'Main',
    catalog: 'Catalog',
    buy: 'Buy',
    orders: 'Orders',
    codes: 'Codes',
    accounts: 'Accounts',
    ledger: 'Ledger',
    shortcut: (mod: string, n: number) => `${mod}+${n}`,
    modCtrl: 'Ctrl',
    modCmd: '⌘',
    basketCount: (n: number) => `${n} in basket`
  },

  topbar: {
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
    confirmLiveTitle: 'Switch to live mode?',
    confirmLiveText:
      'Live mode uses your real supplier accounts and spends real money. Demo orders and codes stay in the demo and are not carried over.',
    confirmDemoTitle: 'Open demo mode?',
    confirmDemoText:
      'Demo mode runs simulated suppliers with play money, in a separate data folder. Your live accounts, orders and codes are not touched.',
    profileLabel: 'At the desk',
    switchProfile: 'Switch',
    switchProfileLabel: (name: string) => `Switch staff member (now ${name})`
  },

  profile: {
    title: 'Who is at the desk?',
    text: 'Codes you reveal, copy or export are recorded under your name.',
    known: 'Choose your name',
    newName: 'Or type your name',
    yourName: 'Your name',
    newNamePlaceholder: 'e.g. Amina',
    continue: 'Continue',
    nameRequired: 'Enter your name.',
    nameTooLong: 'Use at most 60 characters.',
    switchTitle: 'Switch staff member',
    switched: (name: string) => `${name} is now at the desk.`,
    demoNote: 'Demo mode — simulated suppliers, no real money.'
  },

  vault: {
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
  },

  providers: {
    digetalhube: 'DigetalHube',
    aidigitaltools: 'AI Digital Tools',
    oneclickdz: 'OneClickDz',
    hyper: 'Hyper Teknoloji',
    digiseller: 'Digiseller'
  } satisfies Record<ProviderKind, string>,

  accounts: {
    title: 'Accounts',
    intro:
      'Supplier accounts ResellerDesk buys from, and your storefront. Keys are stored encrypted on this computer and never shown again.',
    empty: 'No accounts yet. Add your first supplier account below.',
    colKind: 'Supplier',
    colName: 'Name',
    colBaseUrl: 'Address',
    colBalance: 'Balance',
    colThreshold: 'Low below',
    colCapabilities: 'Can do',
    colActions: 'Actions',
    demoTag: 'Demo',
    test: 'Test connection',
    testing: 'Testing…',
    testOk: 'Connected',
    testFailed: 'Failed',
    testBalance: 'Balance:',
    remove: 'Remove',
    removeTitle: (name: string) => `Remove “${name}”?`,
    removeText: 'The account and its saved credentials are removed from this computer. You can add it again later.',
    removed: (name: string) => `Account “${name}” removed.`,
    refreshBalances: 'Refresh balances',
    addTitle: 'Add account',
    kind: 'Supplier',
    name: 'Name',
    namePlaceholder: 'e.g. DigetalHube main',
    baseUrl: 'Address (base URL)',
    baseUrlHint: 'The supplier’s API address. Prefilled with the usual one.',
    baseUrlPlaceholderTenant: 'https://your-shop.example.com',
    currency: 'Currency',
    currencyHint: 'Leave empty to use the supplier’s currency.',
    threshold: 'Warn when balance is below',
    thresholdHint: 'Leave empty for no warning.',
    thresholdInvalid: 'Enter an amount such as 50 or 12.50.',
    credentials: 'Credentials',
    credentialsHint: 'Stored encrypted on this computer and never shown again.',
    apiKey: 'API key',
    email: 'Login e-mail',
    password: 'Password',
    sellerId: 'Seller ID',
    required: 'Required.',
    advanced: 'Polling and rate limit (advanced)',
    advancedHint: 'Leave empty to use what the supplier documents. Only change these if the supplier told you to, or for a test system.',
    pollEvery: 'Check an open order every (seconds)',
    firstPollAfter: 'First check after sending (seconds)',
    rateLimit: 'Requests per minute at most',
    secondsInvalid: (min: number, max: number) => `Enter a number of seconds from ${min} to ${max}, such as 10 or 0.5.`,
    rateInvalid: 'Enter a whole number from 1 to 100000.',
    add: 'Add account',
    adding: 'Adding…',
    added: (name: string) => `Account “${name}” added.`,
    formErrors: 'Please correct the highlighted fields.',
    capSupplier: 'Supplier',
    capSupplierTitle: 'ResellerDesk can buy codes from this account.',
    capStorefront: 'Storefront',
    capStorefrontTitle: 'Your own shop: sales and balances for the ledger. Codes are not bought here.',
    capCancel: 'Cancel',
    capCancelTitle: 'Orders can be cancelled at the supplier before delivery.',
    capPartial: 'Partial delivery',
    capPartialTitle: 'An order may be delivered in part; the rest is refunded.',
    capLedger: 'Statement',
    capLedgerTitle: 'Money in and out is imported into the Ledger.',
    capMax: (n: number) => `≤ ${n} per order`,
    capMaxTitle: 'Larger quantities are split into several orders.',
    editLabel: (name: string) => `Edit ${name}`,
    editTitle: (name: string) => `Edit “${name}”`,
    edited: (name: string) => `Account “${name}” saved.`,
    settingsTitle: 'Settings',
    clipboardSeconds: 'Clear the clipboard after copying a code (seconds)',
    clipboardSecondsHint: '0 leaves the code on the clipboard until something else is copied.',
    clipboardSecondsInvalid: 'Enter a whole number of seconds from 0 to 3600.',
    settingsSaved: 'Settings saved.'
  },

  catalog: {
    title: 'Catalog',
    search: 'Search products',
    searchPlaceholder: 'Search products, categories…  (press / )',
    account: 'Account',
    allAccounts: 'All accounts',
    sync: 'Sync catalog',
    syncing: 'Syncing…',
    synced: (n: number) => `Catalog synced: ${n} items.`,
    syncFailed: (account: string, message: string) => `${account}: ${message}`,
    colProduct: 'Product',
    colVariant: 'Variant',
    colCategory: 'Category',
    colAccount: 'Account',
    colPrice: 'Price',
    colStock: 'Stock',
    colAction: 'Action',
    inStock: 'In stock',
    outOfStock: 'Out of stock',
    stockCount: (n: number) => `${n}`,
    maxPerOrder: (n: number) => `max ${n} per order`,
    buy: 'Buy',
    buyLabel: (title: string) => `Buy ${title}`,
    storefront: 'Not for sale',
    storefrontTitle: 'This account is your storefront; codes are bought from supplier accounts.',
    empty: 'The catalog is empty. Sync it to fetch products from your accounts.',
    noAccounts: 'Add a supplier account first, then sync its catalog.',
    noResults: (text: string) => `Nothing matches “${text}”.`,
    truncated: (n: number) => `Showing the first ${n} results. Type more to narrow the search.`,
    rowHint: 'Enter: buy · ↑ ↓: move'
  },

  buy: {
    title: 'Buy',
    empty: 'The basket is empty. Pick a product in the catalog and press Buy (or Enter).',
    toCatalog: 'Go to the catalog',
    addAnother: 'Add another product',
    line: (n: number) => `Item ${n}`,
    quantity: 'Quantity',
    quantityHint: (max: number) => `Up to ${max} per upstream order; larger quantities are split.`,
    qtyEmpty: 'Enter a quantity.',
    qtyNegative: 'Quantity cannot be negative.',
    qtyDecimal: 'Quantity must be a whole number (no decimals).',
    qtyNotNumber: 'Quantity must be a whole number such as 25.',
    qtyZero: 'Quantity must be at least 1.',
    qtyTooLarge: (max: number) => `Quantity can be at most ${max}.`,
    fieldRequired: (label: string) => `${label} is required.`,
    fieldPattern: (label: string) => `${label} is not in the expected format. Check it and type it again.`,
    variant: 'Variant',
    variantOption: (name: string, price: string, stock: string) => `${name} — ${price} — ${stock}`,
    variantStock: (n: number | null, inStock: boolean) => (!inStock ? 'out of stock' : n === null ? 'in stock' : `${n} in stock`),
    variantsLoading: 'Loading the other variants…',
    removeLine: 'Remove from basket',
    outOfStock: 'This product was out of stock at the last catalog sync.',
    unitPriceLabel: 'Unit price:',
    separator: ' · ',
    problemLine: (title: string) => `${title}: `,
    review: 'Review',
    reviewing: 'Checking…',
    fixErrors: 'Correct the highlighted fields first.',
    planTitle: 'Plan',
    colProduct: 'Product',
    colAccount: 'Account',
    colQty: 'Qty',
    colUnit: 'Unit price',
    colTotal: 'Total',
    colSplit: 'Upstream orders',
    /** [10, 10, 5] → "10 + 10 + 5"; long runs of one size are counted: [5 ×12] → "12 × 5". */
    split: (parts: number[]) => {
      const runs: string[] = []
      for (let i = 0; i < parts.length; ) {
        let j = i
        while (j < parts.length && parts[j] === parts[i]) j++
        const n = j - i
        const size = parts[i] ?? 0
        if (n >= 3) runs.push(`${n} × ${size}`)
        else for (let k = 0; k < n; k++) runs.push(String(size))
        i = j
      }
      return runs.join(' + ')
    },
    splitCount: (n: number) => (n === 1 ? '1 order' : `${n} orders`),
    accountsTitle: 'Cost per account',
    colCost: 'Cost',
    colBalance: 'Balance',
    colEnough: 'Enough?',
    sufficient: 'Enough',
    insufficient: 'Not enough',
    balanceUnknown: 'Unknown',
    grandTotal: 'Total',
    problemsTitle: 'Problems',
    cannotPlace: (reasons: string) =>
      reasons ? `Confirm is unavailable: ${reasons}` : 'Confirm is unavailable: this basket cannot be bought as it is. Review it again.',
    confirm: 'Confirm purchase',
    placing: 'Placing orders…',
    confirmHint: 'Orders are sent to the suppliers as soon as you confirm.',
    placed: 'Purchase started.',
    batchTitle: 'Purchase in progress',
    batchDone: 'Purchase finished',
    progress: (delivered: number, total: number) => `${delivered} / ${total} codes delivered`,
    colState: 'State',
    colStep: 'Progress',
    colDelivered: 'Delivered',
    colActions: 'Actions',
    cancelOrder: 'Cancel',
    cancelOrderLabel: (title: string) => `Cancel the order for ${title}`,
    summaryAll: (n: number) => `All ${n} codes delivered.`,
    summarySome: (delivered: number, total: number) => `${delivered} of ${total} codes delivered.`,
    summaryFailed: (n: number) => (n === 1 ? '1 order failed and was refunded.' : `${n} orders failed and were refunded.`),
    summaryPartial: (n: number) => (n === 1 ? '1 order was partly delivered.' : `${n} orders were partly delivered.`),
    summaryReview: (n: number) =>
      n === 1 ? '1 order needs your review: open it under Orders.' : `${n} orders need your review: open them under Orders.`,
    summaryCancelled: (n: number) => (n === 1 ? '1 order was cancelled.' : `${n} orders were cancelled.`),
    summaryOrders: 'Orders not fully delivered',
    viewCodes: 'View the codes',
    viewOrders: 'View the orders',
    newPurchase: 'New purchase'
  },

  orders: {
    title: 'Orders',
    state: 'State',
    anyState: 'All states',
    empty: 'No orders yet.',
    emptyFiltered: 'No orders in this state.',
    colTime: 'Time',
    colAccount: 'Account',
    colProduct: 'Product',
    colQty: 'Qty',
    colTotal: 'Total',
    colState: 'State',
    colDelivered: 'Delivered',
    delivered: (d: number, q: number) => `${d} / ${q}`,
    /** "3 of 5 delivered — 980.00 DZD refunded": what an order came to, in plain words. */
    outcome: (state: OrderState, delivered: number, quantity: number, refunded: string | null) => {
      const refund = refunded ? ` — ${refunded} refunded` : ''
      switch (state) {
        case 'completed':
          return delivered === quantity ? `All ${quantity} delivered` : `${delivered} of ${quantity} delivered${refund}`
        case 'partially_completed':
          return `${delivered} of ${quantity} delivered${refund}`
        case 'failed':
          return `Failed: ${delivered} of ${quantity} delivered${refund}`
        case 'cancelled':
          return `Cancelled: ${delivered} of ${quantity} delivered${refund}`
        case 'needs_review':
          return `Needs your review: ${delivered} of ${quantity} delivered so far`
        default:
          return `${delivered} of ${quantity} delivered so far`
      }
    },
    fieldsTitle: 'Given at purchase',
    cancel: 'Cancel order',
    cancelTitle: 'Cancel this order?',
    cancelWhat: (quantity: number, title: string) => `${quantity} × ${title}`,
    cancelTextPlanned: 'It has not been sent to the supplier yet, so nothing is charged.',
    cancelTextUpstream: (provider: string) =>
      `ResellerDesk asks ${provider} to cancel it. Codes already delivered stay in your inventory; the supplier refunds the rest.`,
    cancelReason: 'Reason',
    cancelKeep: 'Keep the order',
    cancelConfirm: 'Cancel order',
    cancelled: 'Order cancelled.',
    detailTitle: 'Order details',
    closeDetail: 'Close details',
    fOrderId: 'Order',
    fBatch: 'Batch',
    fAccount: 'Account',
    fProduct: 'Product',
    fVariant: 'Variant',
    fQuantity: 'Quantity',
    fUnitPrice: 'Unit price',
    fTotal: 'Total',
    fUpstreamId: 'Supplier order id',
    fUpstreamStatus: 'Supplier status',
    fStep: 'Step',
    fDelivered: 'Delivered',
    fRefunded: 'Refunded',
    fError: 'Error',
    fCreated: 'Created',
    fUpdated: 'Updated',
    fCompleted: 'Finished',
    codesTitle: 'Codes',
    noCodes: 'No codes delivered yet.',
    viewInCodes: 'Show in Codes',
    reviewTitle: 'This order needs your review',
    reviewExplain: (provider: string) =>
      `We could not confirm whether ${provider} placed this order (for example, the connection dropped while it was being sent). Check the order list on the supplier’s site, then tell ResellerDesk what happened. Nothing will be sent again until you decide.`,
    reviewReason: 'Reason:',
    placedLabel: 'It was placed — supplier order id',
    placedButton: 'It was placed',
    placedNeedsId: 'Enter the supplier’s order id.',
    notPlacedButton: 'It was not placed',
    confirmPlacedTitle: 'Mark this order as placed?',
    confirmPlacedText: (id: string) =>
      `ResellerDesk will treat supplier order “${id}” as this order and follow it until its codes arrive.`,
    confirmNotPlacedTitle: 'Mark this order as not placed?',
    confirmNotPlacedText:
      'ResellerDesk will close this order without codes. Only do this if the supplier’s order list does not show it.',
    resolved: 'Order updated.'
  },

  codes: {
    title: 'Codes',
    account: 'Account',
    allAccounts: 'All accounts',
    state: 'State',
    anyState: 'All states',
    batchFilter: 'Codes of this purchase',
    orderFilter: (id: string) => `Codes of order ${id}`,
    clearBatchFilter: 'Show all codes',
    colSelect: 'Select',
    selectAll: 'Select all codes shown',
    selectCode: (masked: string) => `Select code ${masked}`,
    colProduct: 'Product',
    colAccount: 'Account',
    colOrder: 'Order',
    colCode: 'Code',
    colState: 'State',
    colDate: 'Received',
    duplicate: 'Duplicate',
    duplicateTitle: 'The same code was already delivered before.',
    openOrder: (id: string) => `Open order ${id}`,
    empty: 'No codes here yet.',
    truncated: (n: number) => `Showing the first ${n} codes. Narrow the filters to see others.`,
    selected: (n: number) => (n === 1 ? '1 code selected' : `${n} codes selected`),
    exportScopeSelected: (n: number) => (n === 1 ? 'Exports the selected code.' : `Exports the ${n} selected codes.`),
    exportScopeFilter: 'Exports every code matching the filters.',
    export: 'Export CSV…',
    exporting: 'Exporting…',
    markExported: 'Mark as exported',
    bom: 'Excel-friendly (BOM)',
    exported: (n: number, path: string) => `Exported ${n} ${n === 1 ? 'code' : 'codes'} to ${path}`,
    reveal: 'Reveal',
    revealLabel: (masked: string) => `Reveal code ${masked}`,
    hide: 'Hide',
    copyLabel: (masked: string) => `Copy code ${masked}`,
    copied: (seconds: number) => (seconds > 0 ? `Copied — clears in ${seconds} s` : 'Copied. The clipboard is not cleared automatically.'),
    revealHint: 'Hidden again after 30 seconds.'
  },

  ledger: {
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
  },

  orderStates: {
    planned: 'Planned',
    submitting: 'Sending',
    submitted: 'Sent',
    processing: 'Processing',
    completed: 'Completed',
    partially_completed: 'Partly delivered',
    failed: 'Failed · refunded',
    cancelled: 'Cancelled',
    needs_review: 'Needs review'
  } satisfies Record<OrderState, string>,

  codeStates: {
    in_stock: 'In stock',
    exported: 'Exported',
    sold: 'Sold',
    void: 'Void'
  } satisfies Record<CodeState, string>,

  /** Upstream progress steps (DigetalHube processing_step and friends); unknown ones are shown tidied up. */
  steps: {
    started: 'Started',
    checking_balance: 'Checking balance',
    creating_invoice: 'Creating invoice',
    transferring: 'Transferring',
    waiting_deposit: 'Waiting for deposit',
    purchasing: 'Purchasing'
  } as Record<string, string>,

  notices: {
    region: 'Notifications'
  }
}

export type Strings = typeof en
