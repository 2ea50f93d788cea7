// Default demo catalog of a Turkish reseller store, prices in TRY. Categories form a two-level tree (ParentID);
// category types are the region or delivery way a product comes in. Stocks are generous (a 100-code buy of
// PUBG Mobile 60 UC works), with one product out of stock, one taken off sale, and direct top-ups without a
// stock count that need the player's id (RequireData).
import type { HyperSimCatalog, HyperSimRequireField } from './types'

export const DEFAULT_CODE_FORMAT = '####-####-####-####'

const PUBG = 'PUBG-####-####-####'
const FREE_FIRE = 'FF&&-####-####-####'
const RIOT = '@@###-#####-#####'
const STEAM = '#####-#####-#####'
const GOOGLE_PLAY = '####-####-####-####-####'
const ITUNES = 'X###############'
const PSN = '####-####-####'
const XBOX = '#####-#####-#####-#####-#####'
const NETFLIX = '###########'
const RAZER = 'RG&&&&&&&&&&&&&&'
const SPOTIFY = '&&&&&&&&&&&&&&&&'
/** A direct top-up delivers its transaction receipt. */
const TOPUP_RECEIPT = 'TOPUP-&&&&&&&&&&&&'

const PUBG_PLAYER_ID: HyperSimRequireField = { id: 11, identifier: 'PlayerID', name: 'PUBG Mobile player ID', required: true, regex: '^[0-9]{5,12}$' }
const MLBB_PLAYER_ID: HyperSimRequireField = { id: 21, identifier: 'PlayerID', name: 'Mobile Legends player ID', required: true, regex: '^[0-9]{6,12}$' }
const MLBB_ZONE_ID: HyperSimRequireField = { id: 22, identifier: 'ZoneID', name: 'Server (zone) ID', required: true, regex: '^[0-9]{3,5}$' }

export const DEFAULT_HYPER_CATALOG: HyperSimCatalog = {
  categories: [
    { id: 1, name: 'Games', parentId: null },
    { id: 11, name: 'PUBG Mobile', parentId: 1 },
    { id: 12, name: 'Free Fire', parentId: 1 },
    { id: 13, name: 'Valorant', parentId: 1 },
    { id: 14, name: 'League of Legends', parentId: 1 },
    { id: 15, name: 'Mobile Legends', parentId: 1 },
    { id: 2, name: 'Gift Cards', parentId: null },
    { id: 21, name: 'Steam', parentId: 2 },
    { id: 22, name: 'Google Play', parentId: 2 },
    { id: 23, name: 'App Store & iTunes', parentId: 2 },
    { id: 24, name: 'PlayStation Store', parentId: 2 },
    { id: 25, name: 'Xbox', parentId: 2 },
    { id: 26, name: 'Netflix', parentId: 2 },
    { id: 27, name: 'Razer Gold', parentId: 2 },
    { id: 28, name: 'Spotify', parentId: 2 }
  ],
  types: [
    { id: 111, categoryId: 11, name: 'Turkey' },
    { id: 112, categoryId: 11, name: 'Global' },
    { id: 113, categoryId: 11, name: 'Top-up by player ID' },
    { id: 121, categoryId: 12, name: 'Turkey' },
    { id: 131, categoryId: 13, name: 'Turkey' },
    { id: 141, categoryId: 14, name: 'Turkey' },
    { id: 151, categoryId: 15, name: 'Top-up by player ID' },
    { id: 211, categoryId: 21, name: 'TL wallet' },
    { id: 221, categoryId: 22, name: 'Turkey' },
    { id: 231, categoryId: 23, name: 'Turkey' },
    { id: 241, categoryId: 24, name: 'Turkey' },
    { id: 251, categoryId: 25, name: 'Turkey' },
    { id: 261, categoryId: 26, name: 'Turkey' },
    { id: 271, categoryId: 27, name: 'Global' },
    { id: 272, categoryId: 27, name: 'Turkey' },
    { id: 281, categoryId: 28, name: 'Turkey' }
  ],
  products: [
    { id: 1001, name: 'PUBG Mobile 60 UC', categoryId: 11, typeId: 111, description: 'E-pin for Turkey region accounts', price: '42.90', stock: 5000, active: true, codeFormat: PUBG },
    { id: 1002, name: 'PUBG Mobile 325 UC', categoryId: 11, typeId: 111, description: 'E-pin for Turkey region accounts', price: '214.50', stock: 3000, active: true, codeFormat: PUBG },
    { id: 1003, name: 'PUBG Mobile 660 UC', categoryId: 11, typeId: 111, description: 'E-pin for Turkey region accounts', price: '429.00', stock: 2000, active: true, codeFormat: PUBG },
    { id: 1004, name: 'PUBG Mobile 1800 UC', categoryId: 11, typeId: 111, description: 'E-pin for Turkey region accounts', price: '1072.50', stock: 800, active: true, codeFormat: PUBG },
    { id: 1011, name: 'PUBG Mobile 60 UC', categoryId: 11, typeId: 112, description: 'Global e-pin', price: '44.25', stock: 1500, active: true, codeFormat: PUBG },
    { id: 1012, name: 'PUBG Mobile 325 UC', categoryId: 11, typeId: 112, description: 'Global e-pin', price: '219.90', stock: 0, active: true, codeFormat: PUBG },
    { id: 1021, name: 'PUBG Mobile 60 UC', categoryId: 11, typeId: 113, description: 'Loaded straight onto the player account', price: '41.50', stock: null, active: true, requireData: [PUBG_PLAYER_ID], codeFormat: TOPUP_RECEIPT },
    { id: 1101, name: 'Free Fire 100 Diamonds', categoryId: 12, typeId: 121, description: 'E-pin for Turkey region accounts', price: '23.75', stock: 4000, active: true, codeFormat: FREE_FIRE },
    { id: 1102, name: 'Free Fire 520 Diamonds', categoryId: 12, typeId: 121, description: 'E-pin for Turkey region accounts', price: '114.90', stock: 2000, active: true, codeFormat: FREE_FIRE },
    { id: 1201, name: 'Valorant 475 VP', categoryId: 13, typeId: 131, description: 'Riot e-pin, Turkey region', price: '139.00', stock: 1500, active: true, codeFormat: RIOT },
    { id: 1202, name: 'Valorant 1000 VP', categoryId: 13, typeId: 131, description: 'Riot e-pin, Turkey region', price: '279.00', stock: 900, active: true, codeFormat: RIOT },
    { id: 1301, name: 'League of Legends 575 RP', categoryId: 14, typeId: 141, description: 'Riot e-pin, Turkey region', price: '139.00', stock: 800, active: true, codeFormat: RIOT },
    { id: 1401, name: 'Mobile Legends 86 Diamonds', categoryId: 15, typeId: 151, description: 'Loaded straight onto the player account', price: '37.80', stock: null, active: true, requireData: [MLBB_PLAYER_ID, MLBB_ZONE_ID], codeFormat: TOPUP_RECEIPT },
    { id: 1402, name: 'Mobile Legends 172 Diamonds', categoryId: 15, typeId: 151, description: 'Loaded straight onto the player account', price: '74.90', stock: null, active: true, requireData: [MLBB_PLAYER_ID, MLBB_ZONE_ID], codeFormat: TOPUP_RECEIPT },
    { id: 2101, name: 'Steam Wallet 100 TL', categoryId: 21, typeId: 211, description: 'For Steam accounts in Turkish lira', price: '104.50', stock: 1200, active: true, codeFormat: STEAM },
    { id: 2102, name: 'Steam Wallet 250 TL', categoryId: 21, typeId: 211, description: 'For Steam accounts in Turkish lira', price: '259.90', stock: 600, active: true, codeFormat: STEAM },
    { id: 2201, name: 'Google Play 100 TL', categoryId: 22, typeId: 221, description: 'Turkey region', price: '101.90', stock: 1000, active: true, codeFormat: GOOGLE_PLAY },
    { id: 2202, name: 'Google Play 250 TL', categoryId: 22, typeId: 221, description: 'Turkey region', price: '254.50', stock: 500, active: true, codeFormat: GOOGLE_PLAY },
    { id: 2301, name: 'App Store & iTunes 100 TL', categoryId: 23, typeId: 231, description: 'Turkey region', price: '102.50', stock: 700, active: true, codeFormat: ITUNES },
    { id: 2401, name: 'PlayStation Store 250 TL', categoryId: 24, typeId: 241, description: 'Turkey region PSN accounts', price: '257.00', stock: 400, active: true, codeFormat: PSN },
    { id: 2402, name: 'PlayStation Store 500 TL', categoryId: 24, typeId: 241, description: 'Turkey region PSN accounts', price: '513.00', stock: 150, active: false, codeFormat: PSN },
    { id: 2501, name: 'Xbox Gift Card 200 TL', categoryId: 25, typeId: 251, description: 'Turkey region', price: '205.00', stock: 300, active: true, codeFormat: XBOX },
    { id: 2601, name: 'Netflix Gift Card 200 TL', categoryId: 26, typeId: 261, description: 'Turkey region', price: '204.00', stock: 250, active: true, codeFormat: NETFLIX },
    { id: 2701, name: 'Razer Gold $10', categoryId: 27, typeId: 271, description: 'Global PIN', price: '339.90', stock: 400, active: true, codeFormat: RAZER },
    { id: 2702, name: 'Razer Gold 50 TL', categoryId: 27, typeId: 272, description: 'Turkey PIN', price: '51.40', stock: 900, active: true, codeFormat: RAZER },
    { id: 2801, name: 'Spotify Premium 1 Month', categoryId: 28, typeId: 281, description: 'Turkey region', price: '99.99', stock: 700, active: true, codeFormat: SPOTIFY }
  ]
}
