// Default demo catalog, prices in DA. The PlayStation Network product, its three types and the Google Play and Netflix
// products are the docs' own examples (ids, titles, names, prices; PSN stock ×10 so bulk demo buys work, PSN 2000 DA
// out of stock as in the docs). One product is disabled so clients see `enabled: false`; one price has centimes.
import type { SimProduct } from './types'

export const DEFAULT_CODE_FORMAT = '####-####-####-####'

export const DEFAULT_CATALOG: readonly SimProduct[] = [
  {
    id: '507f1f77bcf86cd799439011',
    title: 'PlayStation Network',
    category: 'Gaming Cards',
    region: 'dz',
    codeFormat: '####-####-####',
    types: [
      { id: 'type_001', name: 'PSN 500 DA', price: '490', stock: 1500 },
      { id: 'type_002', name: 'PSN 1000 DA', price: '980', stock: 870 },
      { id: 'type_003', name: 'PSN 2000 DA', price: '1960', stock: 0 }
    ]
  },
  {
    id: '507f1f77bcf86cd799439012',
    title: 'Google Play Gift Card',
    category: 'Gaming Cards',
    codeFormat: '####-####-####-####-####',
    types: [
      { id: '6126393c6f57860f925a1a01', name: 'Google Play 500 DA', price: '495', stock: 800 },
      { id: '6126393c6f57860f925a1a02', name: 'Google Play 1000 DA', price: '987.50', stock: 600 },
      { id: '6126393c6f57860f925a1a03', name: 'Google Play 2000 DA', price: '1970', stock: 250 }
    ]
  },
  {
    id: '6126393c6f57860f925a1983',
    title: 'Steam Wallet',
    category: 'Gaming Cards',
    codeFormat: '#####-#####-#####',
    types: [
      { id: '6126393c6f57860f925a1984', name: 'Steam $5 USD', price: '1150', stock: 400 },
      { id: '6126393c6f57860f925a1985', name: 'Steam $10 USD', price: '2290', stock: 300 },
      { id: '6126393c6f57860f925a1986', name: 'Steam $20 USD', price: '4560', stock: 120 }
    ]
  },
  {
    id: '6126393c6f57860f925a1b10',
    title: 'PUBG Mobile UC',
    category: 'Mobile Games',
    codeFormat: 'PUBG-####-####-####',
    types: [
      { id: '6126393c6f57860f925a1b11', name: '60 UC', price: '245.50', stock: 3000 },
      { id: '6126393c6f57860f925a1b12', name: '325 UC', price: '1190', stock: 1500 },
      { id: '6126393c6f57860f925a1b13', name: '660 UC', price: '2350', stock: 700 }
    ]
  },
  {
    id: '6126393c6f57860f925a1b20',
    title: 'Free Fire Diamonds',
    category: 'Mobile Games',
    region: 'dz',
    codeFormat: 'FF&&-####-####-####',
    types: [
      { id: '6126393c6f57860f925a1b21', name: '100 Diamonds', price: '210', stock: 2500 },
      { id: '6126393c6f57860f925a1b22', name: '310 Diamonds', price: '630', stock: 1200 },
      { id: '6126393c6f57860f925a1b23', name: '1060 Diamonds', price: '2090', stock: 0 }
    ]
  },
  {
    id: '6126393c6f57860f925a1c30',
    title: 'Razer Gold',
    category: 'Gaming Cards',
    codeFormat: 'RG&&&&&&&&&&&&&&',
    types: [
      { id: '6126393c6f57860f925a1c31', name: 'Razer Gold $10', price: '2330', stock: 350 },
      { id: '6126393c6f57860f925a1c32', name: 'Razer Gold $50', price: '11550', stock: 60 }
    ]
  },
  {
    id: '6126393c6f57860f925a1c40',
    title: 'Xbox Gift Card',
    category: 'Gaming Cards',
    enabled: false,
    codeFormat: '#####-#####-#####-#####-#####',
    types: [{ id: '6126393c6f57860f925a1c41', name: 'Xbox $15 USD', price: '3450', stock: 90 }]
  },
  {
    id: '507f1f77bcf86cd799439014',
    title: 'Netflix Gift Card',
    category: 'Streaming Services',
    codeFormat: '###########',
    types: [
      { id: '6126393c6f57860f925a1d51', name: 'Netflix 1 Month Basic', price: '1250', stock: 400 },
      { id: '6126393c6f57860f925a1d52', name: 'Netflix 1 Month Premium', price: '2650', stock: 150 }
    ]
  },
  {
    id: '6126393c6f57860f925a1d60',
    title: 'Spotify Premium',
    category: 'Streaming Services',
    codeFormat: '&&&&&&&&&&&&&&&&',
    types: [{ id: '6126393c6f57860f925a1d61', name: 'Spotify 1 Month', price: '890', stock: 500 }]
  },
  {
    id: '6126393c6f57860f925a1e70',
    title: 'Apple Gift Card',
    category: 'App Stores',
    region: 'us',
    codeFormat: 'X###############',
    types: [
      { id: '6126393c6f57860f925a1e71', name: 'Apple $10 US', price: '2390', stock: 300 },
      { id: '6126393c6f57860f925a1e72', name: 'Apple $25 US', price: '5950', stock: 90 }
    ]
  }
]
