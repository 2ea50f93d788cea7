// The Buy screen's texts in English.

export const buy = {
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
}
