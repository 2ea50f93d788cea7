// Default demo catalog. Ids 123 and 456 are the seed's own example products, verbatim except that 123 has
// stock 5000 instead of the seed's example 50, so a 100-code demo buy of PUBG works. Stocks are otherwise generous,
// with two products out of stock so the UI and the client see `in_stock: false` and INSUFFICIENT_STOCK.
import type { SimProduct } from './types'

export const DEFAULT_CODE_FORMAT = '####-####-####-####'

const PUBG = 'PUBG-####-####-####'
const FREE_FIRE = 'FF&&-####-####-####'
const ITUNES = 'X###############' // Apple codes: 16 characters starting with X
const GOOGLE_PLAY = '####-####-####-####-####'
const STEAM = '#####-#####-#####'
const PSN = '####-####-####'
const NETFLIX = '###########'
const RAZER = 'RG&&&&&&&&&&&&&&'
const XBOX = '#####-#####-#####-#####-#####'
const MLBB = 'MLBB-&&&&-&&&&-&&&&'
const ROBLOX = 'RBX-&&&-&&&-&&&&'

export const DEFAULT_CATALOG: readonly SimProduct[] = [
  { id: 123, title: 'PUBG Mobile 60 UC', description: 'Global PIN', priceUsdt: '1.05', stock: 5000, categoryId: 1, categoryName: 'PUBG Mobile', codeFormat: PUBG },
  { id: 124, title: 'PUBG Mobile 325 UC', description: 'Global PIN', priceUsdt: '5.20', stock: 2000, categoryId: 1, categoryName: 'PUBG Mobile', codeFormat: PUBG },
  { id: 125, title: 'PUBG Mobile 660 UC', description: 'Global PIN', priceUsdt: '10.35', stock: 1500, categoryId: 1, categoryName: 'PUBG Mobile', codeFormat: PUBG },
  { id: 126, title: 'PUBG Mobile 1800 UC', description: 'Global PIN', priceUsdt: '26.10', stock: 800, categoryId: 1, categoryName: 'PUBG Mobile', codeFormat: PUBG },
  { id: 201, title: 'Free Fire 100 Diamonds', description: 'Global top-up PIN', priceUsdt: '0.98', stock: 3000, categoryId: 2, categoryName: 'Free Fire', codeFormat: FREE_FIRE },
  { id: 202, title: 'Free Fire 310 Diamonds', description: 'Global top-up PIN', priceUsdt: '2.95', stock: 2000, categoryId: 2, categoryName: 'Free Fire', codeFormat: FREE_FIRE },
  { id: 203, title: 'Free Fire 1060 Diamonds', description: 'Global top-up PIN', priceUsdt: '9.60', stock: 0, categoryId: 2, categoryName: 'Free Fire', codeFormat: FREE_FIRE },
  { id: 301, title: 'Google Play $10 US', description: 'US Region', priceUsdt: '10.40', stock: 900, categoryId: 3, categoryName: 'Google Play', codeFormat: GOOGLE_PLAY },
  { id: 302, title: 'Google Play $25 US', description: 'US Region', priceUsdt: '25.90', stock: 400, categoryId: 3, categoryName: 'Google Play', codeFormat: GOOGLE_PLAY },
  { id: 401, title: 'Steam Wallet $20 USD', description: 'Global, USD wallets', priceUsdt: '20.60', stock: 300, categoryId: 4, categoryName: 'Steam', codeFormat: STEAM },
  { id: 456, title: 'iTunes $10 USA', description: 'US Region', priceUsdt: '10.50', stock: 25, categoryId: 5, categoryName: 'iTunes', codeFormat: ITUNES },
  { id: 457, title: 'iTunes $25 USA', description: 'US Region', priceUsdt: '26.25', stock: 600, categoryId: 5, categoryName: 'iTunes', codeFormat: ITUNES },
  { id: 601, title: 'PlayStation Network $10 USA', description: 'US accounts only', priceUsdt: '10.30', stock: 500, categoryId: 6, categoryName: 'PlayStation', codeFormat: PSN },
  { id: 602, title: 'PlayStation Network $50 USA', description: 'US accounts only', priceUsdt: '50.75', stock: 0, categoryId: 6, categoryName: 'PlayStation', codeFormat: PSN },
  { id: 701, title: 'Netflix $25 USA', description: 'US Region', priceUsdt: '25.50', stock: 200, categoryId: 7, categoryName: 'Netflix', codeFormat: NETFLIX },
  { id: 801, title: 'Razer Gold $10 Global', description: 'Global PIN', priceUsdt: '10.15', stock: 1200, categoryId: 8, categoryName: 'Razer Gold', codeFormat: RAZER },
  { id: 802, title: 'Razer Gold $50 Global', description: 'Global PIN', priceUsdt: '50.40', stock: 300, categoryId: 8, categoryName: 'Razer Gold', codeFormat: RAZER },
  { id: 901, title: 'Xbox Gift Card $15 USA', description: 'US Region', priceUsdt: '15.45', stock: 350, categoryId: 9, categoryName: 'Xbox', codeFormat: XBOX },
  { id: 1001, title: 'Mobile Legends 86 Diamonds', description: 'Global top-up PIN', priceUsdt: '1.55', stock: 2500, categoryId: 10, categoryName: 'Mobile Legends', codeFormat: MLBB },
  { id: 1101, title: 'Roblox 800 Robux', description: 'Global gift card', priceUsdt: '10.35', stock: 700, categoryId: 11, categoryName: 'Roblox', codeFormat: ROBLOX }
]
