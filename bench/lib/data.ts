// Deterministic data for the benchmarks: a seeded PRNG, a fixed data key, gift-card codes in the formats the
// upstreams deliver, orders of up to 10 codes (DigetalHube's limit), and a realistic multi-supplier catalog with the
// queries people type into it. Same seed → same data, so runs on different days and machines are comparable.
import { createHash } from 'node:crypto'
import type { CatalogRecord } from '../../src/core/db/catalog-repo'

export const SEED = 0x5eed_2026

/** The fixed 32-byte data key every benchmark vault uses (derived from a label, so it is the same everywhere). */
export const BENCH_DATA_KEY: Buffer = createHash('sha256').update('resellerdesk/bench/data-key/v1').digest()

/** Passphrase that wraps the cold-start vault (scrypt at the app's default cost). Not a secret: bench data only. */
export const BENCH_PASSPHRASE = 'bench: correct horse battery staple'

/** Codes per upstream order (DigetalHube accepts 1–10 per order; the engine stores one order's codes at a time). */
export const CODES_PER_ORDER = 10

/** mulberry32: tiny, fast, good enough for test data. */
export class Rng {
  private s: number
  constructor(seed: number = SEED) {
    this.s = seed >>> 0
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(n: number): number {
    return Math.floor(this.next() * n)
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  /** A v4-shaped UUID from the seeded stream (ids look like randomUUID()'s, but repeat run to run). */
  uuid(): string {
    const h = (n: number): string => Math.floor(this.next() * 16 ** n).toString(16).padStart(n, '0')
    return `${h(8)}-${h(4)}-4${h(3)}-${(8 + this.int(4)).toString(16)}${h(3)}-${h(6)}${h(6)}`
  }
}

// --- codes and orders ----------------------------------------------------------------------------------------

/** Code formats of the simulated products ('#' digit, '&' letter or digit), as src/sim delivers them. */
export const BENCH_PRODUCTS: readonly { id: string; title: string; unitPrice: string; format: string }[] = [
  { id: '123', title: 'PUBG Mobile 60 UC', unitPrice: '1.05', format: 'PUBG-####-####-####' },
  { id: '124', title: 'PUBG Mobile 325 UC', unitPrice: '5.20', format: 'PUBG-####-####-####' },
  { id: '201', title: 'Free Fire 100 Diamonds', unitPrice: '0.98', format: 'FF&&-####-####-####' },
  { id: '301', title: 'Google Play $10 US', unitPrice: '10.40', format: '####-####-####-####-####' },
  { id: '401', title: 'Steam Wallet $20 USD', unitPrice: '20.60', format: '#####-#####-#####' },
  { id: '456', title: 'iTunes $10 USA', unitPrice: '10.50', format: 'X###############' },
  { id: '601', title: 'PlayStation Network $10 USA', unitPrice: '10.30', format: '####-####-####' },
  { id: '801', title: 'Razer Gold $10 Global', unitPrice: '10.15', format: 'RG&&&&&&&&&&&&&&' },
  { id: '901', title: 'Xbox Gift Card $15 USA', unitPrice: '15.45', format: '#####-#####-#####-#####-#####' },
  { id: '1101', title: 'Roblox 800 Robux', unitPrice: '10.35', format: 'RBX-&&&-&&&-&&&&' }
]

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

export function makeCode(rng: Rng, format: string): string {
  let out = ''
  for (const ch of format) out += ch === '#' ? String(rng.int(10)) : ch === '&' ? ALNUM[rng.int(ALNUM.length)]! : ch
  return out
}

export interface BenchAccount {
  id: string
  kind: 'digetalhube' | 'aidigitaltools' | 'oneclickdz' | 'hyper'
  name: string
  currency: string
}

export const BENCH_ACCOUNTS: readonly BenchAccount[] = [
  { id: '0b1e5c1a-0000-4000-8000-000000000001', kind: 'digetalhube', name: 'DH main', currency: 'USDT' },
  { id: '0b1e5c1a-0000-4000-8000-000000000002', kind: 'aidigitaltools', name: 'AIDT', currency: 'USD' },
  { id: '0b1e5c1a-0000-4000-8000-000000000003', kind: 'oneclickdz', name: 'Flexy DZ', currency: 'DZD' },
  { id: '0b1e5c1a-0000-4000-8000-000000000004', kind: 'hyper', name: 'Hyper TR', currency: 'TRY' }
]

export interface BenchOrder {
  id: string
  accountId: string
  product: (typeof BENCH_PRODUCTS)[number]
  /** When the order completed: its codes' created_at. */
  completedAt: string
  codes: string[]
}

/** `total` codes in orders of CODES_PER_ORDER, one every 30 s from 2025-01-01, over the bench accounts. */
export function* generateOrders(total: number, seed: number = SEED): Generator<BenchOrder> {
  const rng = new Rng(seed)
  const t0 = Date.UTC(2025, 0, 1)
  let made = 0
  for (let k = 0; made < total; k++) {
    const n = Math.min(CODES_PER_ORDER, total - made)
    const product = rng.pick(BENCH_PRODUCTS)
    const codes: string[] = []
    for (let i = 0; i < n; i++) codes.push(makeCode(rng, product.format))
    made += n
    yield { id: rng.uuid(), accountId: rng.pick(BENCH_ACCOUNTS).id, product, completedAt: new Date(t0 + k * 30_000).toISOString(), codes }
  }
}

// --- catalog -------------------------------------------------------------------------------------------------

interface GiftBrand {
  name: string
  aliases: string[]
  category: string
  values: number[]
  regions: string[]
}
interface TopupBrand {
  name: string
  unit: string
  category: string
  amounts: number[]
}

const REGIONS: Record<string, { cur: string; sym: string }> = {
  USA: { cur: 'USD', sym: '$' },
  UK: { cur: 'GBP', sym: '£' },
  Germany: { cur: 'EUR', sym: '€' },
  France: { cur: 'EUR', sym: '€' },
  Italy: { cur: 'EUR', sym: '€' },
  Spain: { cur: 'EUR', sym: '€' },
  Canada: { cur: 'CAD', sym: 'CA$' },
  Australia: { cur: 'AUD', sym: 'AU$' },
  Turkey: { cur: 'TRY', sym: '₺' },
  UAE: { cur: 'AED', sym: 'AED ' },
  'Saudi Arabia': { cur: 'SAR', sym: 'SAR ' },
  Brazil: { cur: 'BRL', sym: 'R$' },
  India: { cur: 'INR', sym: '₹' },
  Poland: { cur: 'PLN', sym: 'zł' },
  Global: { cur: 'USD', sym: '$' }
}
const ALL_REGIONS = Object.keys(REGIONS)

const GIFT_BRANDS: GiftBrand[] = [
  { name: 'iTunes', aliases: ['Apple iTunes', 'iTunes Gift Card'], category: 'iTunes', values: [5, 10, 15, 20, 25, 50, 100, 200], regions: ['USA', 'UK', 'Canada', 'Australia', 'Germany', 'France', 'Italy', 'Spain', 'Turkey', 'UAE', 'Saudi Arabia', 'Brazil', 'Poland'] },
  { name: 'Google Play', aliases: ['Google Play Gift Card', 'Google Play Code'], category: 'Google Play', values: [5, 10, 15, 25, 50, 100], regions: ['USA', 'UK', 'Germany', 'France', 'Italy', 'Spain', 'Turkey', 'India', 'Brazil', 'Poland', 'Canada', 'Australia'] },
  { name: 'Steam Wallet', aliases: ['Steam Gift Card', 'Steam Wallet Code'], category: 'Steam', values: [5, 10, 20, 25, 50, 100], regions: ['USA', 'UK', 'Germany', 'Turkey', 'UAE', 'Saudi Arabia', 'India', 'Brazil', 'Poland', 'Global'] },
  { name: 'PlayStation Network', aliases: ['PSN Card', 'PlayStation Store'], category: 'PlayStation', values: [10, 20, 25, 50, 75, 100], regions: ['USA', 'UK', 'Germany', 'France', 'Italy', 'Spain', 'Turkey', 'UAE', 'Saudi Arabia', 'Poland'] },
  { name: 'Xbox Gift Card', aliases: ['Xbox Live', 'Microsoft Xbox'], category: 'Xbox', values: [5, 10, 15, 25, 50, 100], regions: ['USA', 'UK', 'Germany', 'Turkey', 'Brazil', 'Canada', 'Australia'] },
  { name: 'Nintendo eShop', aliases: ['Nintendo eShop Card'], category: 'Nintendo', values: [10, 20, 35, 50, 70], regions: ['USA', 'UK', 'Germany', 'France', 'Canada', 'Australia'] },
  { name: 'Netflix', aliases: ['Netflix Gift Card'], category: 'Netflix', values: [15, 25, 30, 50, 60, 100], regions: ['USA', 'UK', 'Germany', 'Turkey', 'UAE', 'Saudi Arabia', 'India', 'Brazil'] },
  { name: 'Amazon', aliases: ['Amazon Gift Card', 'Amazon.com'], category: 'Amazon', values: [5, 10, 25, 50, 100, 200], regions: ['USA', 'UK', 'Germany', 'France', 'Italy', 'Spain', 'Canada', 'UAE', 'Saudi Arabia', 'India', 'Poland'] },
  { name: 'Razer Gold', aliases: ['Razer Gold PIN'], category: 'Razer Gold', values: [5, 10, 20, 50, 100], regions: ['Global', 'USA', 'Turkey', 'Brazil', 'India'] },
  { name: 'Spotify Premium', aliases: ['Spotify Gift Card'], category: 'Spotify', values: [10, 30, 60, 99], regions: ['USA', 'UK', 'Germany', 'France', 'Turkey', 'UAE', 'Brazil', 'India'] },
  { name: 'Apple Gift Card', aliases: ['App Store & iTunes'], category: 'iTunes', values: [10, 25, 50, 100], regions: ['USA', 'UK', 'Germany', 'France', 'Canada', 'Australia'] },
  { name: 'Visa Virtual', aliases: ['Visa Prepaid', 'Virtual Visa Card'], category: 'Prepaid cards', values: [10, 25, 50, 100, 250, 500], regions: ['USA', 'Global'] }
]

const TOPUP_BRANDS: TopupBrand[] = [
  { name: 'PUBG Mobile', unit: 'UC', category: 'PUBG Mobile', amounts: [60, 120, 180, 325, 385, 660, 720, 985, 1320, 1800, 2460, 3850, 8100, 16200] },
  { name: 'Free Fire', unit: 'Diamonds', category: 'Free Fire', amounts: [100, 110, 210, 310, 341, 520, 1060, 1080, 2180, 5600] },
  { name: 'Mobile Legends', unit: 'Diamonds', category: 'Mobile Legends', amounts: [11, 22, 56, 86, 112, 172, 257, 344, 429, 514, 706, 878, 963, 2195, 3688, 5532, 9288] },
  { name: 'Genshin Impact', unit: 'Genesis Crystals', category: 'Genshin Impact', amounts: [60, 300, 980, 1980, 3280, 6480] },
  { name: 'Valorant', unit: 'VP', category: 'Valorant', amounts: [475, 1000, 2050, 3650, 5350, 11000] },
  { name: 'Fortnite', unit: 'V-Bucks', category: 'Fortnite', amounts: [1000, 2800, 5000, 13500] },
  { name: 'Call of Duty Mobile', unit: 'CP', category: 'Call of Duty', amounts: [80, 420, 880, 2400, 5000, 10800] },
  { name: 'Roblox', unit: 'Robux', category: 'Roblox', amounts: [400, 800, 1700, 4500, 10000, 22500] },
  { name: 'Clash of Clans', unit: 'Gems', category: 'Supercell', amounts: [80, 500, 1200, 2500, 6500, 14000] },
  { name: 'Honkai Star Rail', unit: 'Oneiric Shards', category: 'HoYoverse', amounts: [60, 300, 980, 1980, 3280, 6480] },
  { name: 'League of Legends', unit: 'RP', category: 'Riot Games', amounts: [575, 1380, 2800, 5000, 7200] },
  { name: 'Lords Mobile', unit: 'Gems', category: 'IGG', amounts: [140, 570, 1150, 2300, 5750] }
]

// Mobile credit of the seed markets' carriers (OneClickDz's Flexy is Algerian top-up; Hyper is Turkish).
const CARRIERS: { name: string; country: string; cur: string; amounts: number[] }[] = [
  { name: 'Mobilis', country: 'Algeria', cur: 'DZD', amounts: [100, 200, 500, 1000, 2000] },
  { name: 'Djezzy', country: 'Algeria', cur: 'DZD', amounts: [100, 200, 500, 1000, 2000] },
  { name: 'Ooredoo', country: 'Algeria', cur: 'DZD', amounts: [100, 200, 500, 1000, 2000] },
  { name: 'Turkcell', country: 'Turkey', cur: 'TRY', amounts: [50, 100, 200, 500] },
  { name: 'Vodafone', country: 'Turkey', cur: 'TRY', amounts: [50, 100, 200, 500] },
  { name: 'Türk Telekom', country: 'Turkey', cur: 'TRY', amounts: [50, 100, 200, 500] },
  { name: 'MTS', country: 'Russia', cur: 'RUB', amounts: [100, 300, 500, 1000] },
  { name: 'Beeline', country: 'Russia', cur: 'RUB', amounts: [100, 300, 500, 1000] },
  { name: 'Orange', country: 'France', cur: 'EUR', amounts: [5, 10, 15, 20, 30] },
  { name: 'Lebara', country: 'UK', cur: 'GBP', amounts: [5, 10, 15, 20] }
]

// Game keys and software: a long tail of distinct titles built from words, as big suppliers list thousands.
const GAME_WORDS = [
  'Shadow', 'Legends', 'Empire', 'Dragon', 'Cyber', 'Night', 'Storm', 'Iron', 'Crown', 'Frontier', 'Galaxy', 'Kingdom', 'Rogue',
  'Souls', 'Horizon', 'Outlaw', 'Saga', 'Tactics', 'Racing', 'Survivor', 'Odyssey', 'Chronicles', 'Assault', 'Siege', 'Arena',
  'Quest', 'Hunter', 'Zero', 'Origins', 'Rebellion', 'Titan', 'Wasteland', 'Phantom', 'Knight', 'Ember', 'Forge', 'Eclipse',
  'Vanguard', 'Nomad', 'Harbor', 'Citadel', 'Protocol', 'Dynasty', 'Mirage', 'Abyss', 'Valkyrie', 'Samurai', 'Pirate', 'Farm',
  'Simulator', 'Tycoon', 'Manager', 'Football', 'Cricket', 'Drift', 'Rally', 'Sky', 'Ocean', 'Frost', 'Inferno', 'Echo'
]
const GAME_SUFFIX = ['', '', '', ' 2', ' 3', ' II', ' IV', ' Remastered', ' Deluxe Edition', ' Gold Edition', ' GOTY', ' Ultimate Edition']
const GAME_PLATFORMS = ['Steam Key', 'Xbox Key', 'PS5 Key', 'Epic Games Key', 'Nintendo Switch Key', 'GOG Key', 'EA App Key', 'Ubisoft Connect Key']
const KEY_REGIONS = ['Global', 'EU', 'North America', 'Europe', 'Turkey', 'MENA', 'LATAM', 'Asia']
const SOFTWARE = [
  'Windows 11 Pro', 'Windows 11 Home', 'Windows 10 Pro', 'Office 2021 Professional Plus', 'Office 2024 Home', 'Microsoft 365 Personal',
  'Kaspersky Total Security', 'Kaspersky Internet Security', 'ESET NOD32 Antivirus', 'Norton 360 Deluxe', 'Bitdefender Total Security',
  'NordVPN', 'ExpressVPN', 'Surfshark VPN', 'Adobe Creative Cloud', 'Autodesk AutoCAD', 'McAfee Total Protection', 'Avast Premium Security',
  'Malwarebytes Premium', 'CyberGhost VPN', 'Canva Pro', 'ChatGPT Plus', 'YouTube Premium', 'Discord Nitro', 'Xbox Game Pass Ultimate',
  'PlayStation Plus Essential', 'PlayStation Plus Extra', 'Nintendo Switch Online', 'EA Play', 'Ubisoft+'
]
const SOFTWARE_TERMS = ['1 Month', '3 Months', '6 Months', '1 Year', '2 Years', 'Lifetime', '1 Device 1 Year', '3 Devices 1 Year', '5 Devices 1 Year']

// Descriptions in the seed markets' languages (French/Arabic for Algeria, Turkish, Russian) as well as English.
const DESCRIPTIONS = [
  'Digital code, instant delivery. Redeem in the store of the region shown.',
  'Global PIN, delivered by email. No expiry.',
  'US accounts only. Code delivered instantly after payment.',
  'Works only for accounts registered in this region.',
  'Top-up PIN, redeem on the official site with your player ID.',
  'Carte cadeau numérique, livraison immédiate. Valable uniquement dans la région indiquée.',
  'Code de recharge, à utiliser sur le site officiel.',
  'بطاقة هدايا رقمية، تسليم فوري. صالحة فقط في المنطقة المحددة.',
  'كود شحن، التسليم خلال دقائق.',
  'Dijital kod, anında teslimat. Yalnızca belirtilen bölgede geçerlidir.',
  'Hediye kartı kodu, e-posta ile teslim edilir.',
  'Цифровой код, моментальная доставка. Действует только в указанном регионе.',
  'Подарочная карта, активация на официальном сайте.'
]
const VARIANT_NAMES = ['Instant delivery', 'Email delivery', 'Global', 'Region locked', 'Bulk pack', 'Digital code', 'Manual delivery']

function money(amount: number, region: string): string {
  const r = REGIONS[region] ?? { cur: 'USD', sym: '$' }
  return `${r.sym}${amount}`
}

/** A supplier-styled title: each account words the same product its own way, as real upstream catalogs do. */
function giftTitle(rng: Rng, style: number, b: GiftBrand, value: number, region: string): string {
  const name = rng.chance(0.3) ? rng.pick(b.aliases) : b.name
  const cur = REGIONS[region]?.cur ?? 'USD'
  switch (style) {
    case 0:
      return `${name} ${money(value, region)} ${region}`
    case 1:
      return `${name} ${value} ${cur} (${region})`
    case 2:
      return `${name} - ${value} ${cur} - ${region} Store`
    default:
      return `${region} ${name} ${value} ${cur}`
  }
}

function topupTitle(rng: Rng, style: number, b: TopupBrand, amount: number): string {
  const bonus = rng.chance(0.15) ? ` + ${Math.max(1, Math.round(amount * 0.1))} Bonus` : ''
  switch (style) {
    case 0:
      return `${b.name} ${amount} ${b.unit}${bonus}`
    case 1:
      return `${b.name} ${b.unit} ${amount}${bonus} (Global)`
    case 2:
      return `${amount} ${b.unit} ${b.name}${bonus}`
    default:
      return `${b.name} - ${amount} ${b.unit}${bonus} - Top-up PIN`
  }
}

function price(rng: Rng, base: number): string {
  const p = base * (0.9 + rng.next() * 0.2)
  return p.toFixed(2)
}

/**
 * `perAccount` catalog items for each bench account. Mix: 35 % regional gift cards, 20 % game top-ups, 10 % carrier
 * credit, 25 % game keys (the long tail of distinct words), 10 % software and subscriptions; a third with a variant.
 */
export function generateCatalog(accountId: string, accountIndex: number, perAccount: number, seed: number = SEED): CatalogRecord[] {
  const rng = new Rng(seed + accountIndex * 7919)
  const style = accountIndex % 4
  const syncedAt = '2025-06-01T08:00:00.000Z'
  const items: CatalogRecord[] = []
  for (let i = 0; i < perAccount; i++) {
    const roll = rng.next()
    let title: string
    let category: string
    let base: number
    let currency = 'USD'
    if (roll < 0.35) {
      const b = rng.pick(GIFT_BRANDS)
      const value = rng.pick(b.values)
      const region = rng.pick(b.regions)
      title = giftTitle(rng, style, b, value, region)
      category = b.category
      base = value
      currency = REGIONS[region]?.cur ?? 'USD'
    } else if (roll < 0.55) {
      const b = rng.pick(TOPUP_BRANDS)
      const amount = rng.pick(b.amounts)
      title = topupTitle(rng, style, b, amount)
      category = b.category
      base = amount / 60
    } else if (roll < 0.65) {
      const c = rng.pick(CARRIERS)
      const amount = rng.pick(c.amounts)
      title = style % 2 === 0 ? `${c.name} ${amount} ${c.cur} ${c.country}` : `${c.country} ${c.name} top-up ${amount} ${c.cur}`
      category = 'Mobile top-up'
      base = amount
      currency = c.cur
    } else if (roll < 0.9) {
      const words = 1 + rng.int(3)
      const parts: string[] = []
      for (let w = 0; w < words; w++) parts.push(rng.pick(GAME_WORDS))
      title = `${parts.join(' ')}${rng.pick(GAME_SUFFIX)} ${rng.pick(GAME_PLATFORMS)} ${rng.pick(KEY_REGIONS)}`
      category = 'Game keys'
      base = 5 + rng.int(65)
    } else {
      title = `${rng.pick(SOFTWARE)} ${rng.pick(SOFTWARE_TERMS)} ${rng.pick(KEY_REGIONS)}`
      category = 'Software'
      base = 3 + rng.int(120)
    }
    const hasVariant = rng.chance(0.33)
    const stock = rng.chance(0.1) ? 0 : rng.chance(0.3) ? null : rng.int(5000)
    items.push({
      accountId,
      productId: String(10_000 + i),
      variantId: hasVariant ? `v${1 + rng.int(9)}` : null,
      title,
      variantName: hasVariant ? rng.pick(VARIANT_NAMES) : null,
      category,
      description: rng.pick(DESCRIPTIONS),
      price: price(rng, base),
      currency,
      stock,
      inStock: stock !== 0,
      maxPerOrder: rng.pick([1, 5, 10, 10, 10, 50, 100]),
      fields: rng.chance(0.2) ? [{ name: 'player_id', label: 'Player ID', required: true, pattern: '^[0-9]{5,12}$' }] : [],
      syncedAt
    })
  }
  return items
}

/**
 * What people type, weighted by how often: product names with amounts and regions, bare brands, and the
 * keystroke-by-keystroke prefixes a search-as-you-type box sends ("pu", "pub", "pubg", "pubg 6", "pubg 60").
 */
const QUERIES: readonly [string, number][] = [
  ['pubg 60', 8], ['pubg', 6], ['pubg 325', 3], ['pubg mobile 660 uc', 2], ['itunes usa', 8], ['itunes 10 usa', 4], ['itunes', 5],
  ['itunes 25', 2], ['steam', 6], ['steam 20', 3], ['steam wallet turkey', 2], ['steam 50 usd', 2], ['google play 10', 4],
  ['google play', 3], ['google play india', 2], ['free fire 100', 4], ['free fire', 3], ['ff diamonds', 1], ['psn 50 usa', 2],
  ['playstation', 2], ['psn uk', 2], ['xbox 15', 2], ['xbox game pass', 2], ['netflix', 3], ['netflix 25 turkey', 1],
  ['razer gold', 3], ['razer 10', 2], ['mobile legends 86', 3], ['mobile legends', 2], ['mlbb', 1], ['roblox', 3],
  ['roblox 800', 2], ['robux', 2], ['valorant', 2], ['valorant 1000 vp', 1], ['genshin', 2], ['genesis crystals', 1],
  ['fortnite v-bucks', 2], ['call of duty cp', 1], ['amazon de', 1], ['amazon 50', 2], ['spotify', 2], ['nintendo eshop', 1],
  ['visa', 1], ['mobilis 500', 2], ['djezzy 1000', 1], ['ooredoo', 1], ['turkcell 100', 1], ['mts', 1], ['windows 11 pro', 2],
  ['office 2021', 1], ['kaspersky', 1], ['nordvpn 1 year', 1], ['discord nitro', 1], ['dragon souls steam key', 1],
  ['cyber legends', 1], ['shadow', 1], ['gift card', 2], ['diamonds', 1], ['uc', 1], ['carte cadeau', 1], ['بطاقة', 1],
  ['подарочная карта', 1], ['hediye kartı', 1], ['pu', 1], ['pub', 1], ['pubg 6', 1], ['it', 1], ['itu', 1], ['itun', 1],
  ['st', 1], ['ste', 1], ['stea', 1], ['xyzzy nothing', 1]
]

export function generateQueries(count: number, seed: number = SEED): string[] {
  const rng = new Rng(seed ^ 0x51)
  const total = QUERIES.reduce((s, [, w]) => s + w, 0)
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    let r = rng.next() * total
    for (const [q, w] of QUERIES) {
      r -= w
      if (r < 0) {
        out.push(q)
        break
      }
    }
    if (out.length === i) out.push(QUERIES[0]![0])
  }
  return out
}
