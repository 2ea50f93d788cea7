// The demo storefront: what the shop sells to its own buyers on Digiseller (not what it buys). Ids look like
// Digiseller product ids; names come in Russian and English, as receipts' product.name[] carries them.
import type { SimProduct } from './types'

export const DEFAULT_STOREFRONT: readonly SimProduct[] = [
  { id: 3091245, nameEn: 'Steam Wallet Gift Card 20 USD', nameRu: 'Карта пополнения Steam 20 USD', price: '21.90', currency: 'WMZ' },
  { id: 3091246, nameEn: 'Steam Wallet Gift Card 50 USD', nameRu: 'Карта пополнения Steam 50 USD', price: '53.50', currency: 'WMZ' },
  { id: 3104877, nameEn: 'PUBG Mobile 660 UC (Global)', nameRu: 'PUBG Mobile 660 UC (Глобал)', price: '10.90', currency: 'WMZ' },
  { id: 3104878, nameEn: 'PUBG Mobile 1800 UC (Global)', nameRu: 'PUBG Mobile 1800 UC (Глобал)', price: '27.40', currency: 'WMZ' },
  { id: 3120551, nameEn: 'iTunes Gift Card 25 USD (USA)', nameRu: 'Подарочная карта iTunes 25 USD (США)', price: '26.80', currency: 'WMZ' },
  { id: 3140020, nameEn: 'Xbox Game Pass Ultimate 1 month', nameRu: 'Xbox Game Pass Ultimate 1 месяц', price: '14.90', currency: 'WMZ' },
  { id: 3160034, nameEn: 'Spotify Premium 3 months', nameRu: 'Spotify Premium 3 месяца', price: '29.90', currency: 'WMZ' },
  { id: 3120552, nameEn: 'Google Play 10 EUR (Germany)', nameRu: 'Google Play 10 EUR (Германия)', price: '11.20', currency: 'WME' },
  { id: 3120553, nameEn: 'PlayStation Store 20 EUR (DE)', nameRu: 'PlayStation Store 20 EUR (DE)', price: '21.50', currency: 'WME' },
  { id: 3133310, nameEn: 'Netflix Gift Card 25 EUR', nameRu: 'Подарочная карта Netflix 25 EUR', price: '26.40', currency: 'WME' },
  { id: 3150770, nameEn: 'Free Fire 1060 Diamonds', nameRu: 'Free Fire 1060 алмазов', price: '9.95', currency: 'WMT' },
  { id: 3150771, nameEn: 'Razer Gold 50 USD (Global)', nameRu: 'Razer Gold 50 USD (Глобал)', price: '51.20', currency: 'WMT' }
]
