// The watched products' texts in English: their screen and the change toasts.

export const watches = {
  title: 'Watched products',
  intro: 'After each catalog sync (daily, or when you press Sync) you are told when the price or stock of a watched product changes.',
  empty: 'Nothing is watched yet. Press Watch on a product in the catalog (or W on its row).',
  colProduct: 'Product',
  colAccount: 'Account',
  colPrice: 'Price',
  colStock: 'Stock',
  colChanged: 'Last change',
  colSince: 'Watched since',
  colAction: 'Action',
  unwatch: 'Stop watching',
  unwatchLabel: (title: string) => `Stop watching ${title}`,
  notInCatalog: 'Not in the catalog',
  noChange: 'No change yet',
  watching: (title: string) => `Watching ${title}. You will be told when its price or stock changes.`,
  unwatched: (title: string) => `Stopped watching ${title}.`,
  inStock: 'in stock',
  outOfStock: 'out of stock',
  priceChanged: (title: string, from: string, to: string, account: string) => `Price of ${title} went from ${from} to ${to} (${account})`,
  stockChanged: (title: string, from: string, to: string, account: string) => `Stock of ${title} went from ${from} to ${to} (${account})`,
  bothChanged: (title: string, priceFrom: string, priceTo: string, stockFrom: string, stockTo: string, account: string) =>
    `${title}: price ${priceFrom} → ${priceTo}, stock ${stockFrom} → ${stockTo} (${account})`,
  soldOut: (title: string, account: string) => `${title} is out of stock now (${account})`,
  backInStock: (title: string, stock: string, account: string) => `${title} is back in stock: ${stock} (${account})`,
  appeared: (title: string, price: string, stock: string, account: string) => `${title} is in the catalog now: ${price}, ${stock} (${account})`,
  gone: (title: string, account: string) => `${title} is no longer in the catalog (${account})`,
  moreChanged: (n: number) => (n === 1 ? '…and 1 more watched product changed.' : `…and ${n} more watched products changed.`)
}
