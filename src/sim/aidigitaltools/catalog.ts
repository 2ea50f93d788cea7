// Default demo catalog: what an AI-tools reseller sells — AI and design subscriptions, gift cards, and game top-ups
// delivered by hand to a player id. Ids are fixed UUIDs (the real API uses UUIDs), so demo data and tests can name them.
// Midjourney is the seed's example figures (price 10, your_price 9 at the default 10 %). Grammarly is out of stock;
// Windows keys carry their own 5 % discount; the top-ups need custom_data (player id, zone, server, e-mail).
import type { SimCustomField, SimProduct } from './types'

export const DEFAULT_CODE_FORMAT = '####-####-####-####'

export const CATEGORY_IDS = {
  aiTools: '0034703d-5abd-434c-93bd-8a995702f012',
  design: '4ffada92-1611-4349-9d40-7fcfa7dbfc7c',
  giftCards: 'c5dd0477-67de-445c-ae13-eaa0544c8141',
  gameTopUp: '411ce666-dcae-4332-80f0-30580f60f0c2',
  streaming: 'acccea44-7bc1-4724-9a2d-e41bc37cc77a',
  software: '5e46d295-02d0-4d60-9e2f-a8cc06728b33'
} as const

/** Ids the tests and the demo refer to. */
export const PRODUCT_IDS = {
  chatgptPlus: '2abe1f06-6c3a-4878-9017-aca46aff6bed',
  midjourney: '5a85b46a-feb9-4b15-ab68-da8b873ba8ce',
  canvaPro: '08512f52-d6ff-4a1f-a509-f20f3c4f48b1',
  capcutPro: 'fdad6fa4-bf88-4746-a771-702f9d7fc351',
  grammarly: '0c7bd5d6-f99e-4ee6-9980-e65d76aece44',
  googlePlay10: '4b0bc368-255c-497e-9f4d-5c65fc6fb9e5',
  itunes10: '22c46b20-cbd7-446a-ba1b-1ccf3723ffa6',
  steam20: 'a6b93f70-1afa-448e-b301-8b469f8d05fa',
  netflix25: '8cd94178-7932-4601-9e1b-97705b0cfb0d',
  spotify3m: '979b0ccf-6629-4da8-9d2b-fbaba8eeb4f3',
  pubg60: '4a51fac8-2c72-424a-bb90-715d45e3bd89',
  freeFire100: '144387bf-2b78-4283-92d5-4433e4fd3001',
  mlbb86: '68bffe28-8e7c-4c9c-92b6-d3617c07e546',
  genshin60: '2d431566-ea47-455d-b8d2-0bde45371e45',
  windows11: '03e5b70c-7547-4416-a000-42c8c6bd94a5',
  razer10: '461a3c89-595e-4ec0-9f6f-97a2e79332cd',
  roblox800: 'be9df529-7d71-4e61-b245-2b4c93d63bce',
  discordNitro: 'f3122817-db1a-4dc6-81e8-e08f51a1c9db'
} as const

const PLAYER_ID: SimCustomField = {
  name: 'player_id',
  label: 'Player ID',
  type: 'text',
  required: true,
  placeholder: 'e.g. 5123456789',
  pattern: '[0-9]{6,12}'
}

const ACCOUNT_EMAIL: SimCustomField = {
  name: 'account_email',
  label: 'Account e-mail',
  type: 'email',
  required: true,
  placeholder: 'customer@example.com',
  pattern: '[^@\\s]+@[^@\\s]+\\.[^@\\s]+'
}

const NOTE: SimCustomField = { name: 'note', label: 'Note for the seller', type: 'text', required: false, placeholder: 'Optional' }

const { aiTools, design, giftCards, gameTopUp, streaming, software } = CATEGORY_IDS
const P = PRODUCT_IDS

export const DEFAULT_CATALOG: readonly SimProduct[] = [
  {
    id: P.chatgptPlus,
    name: 'ChatGPT Plus 1 Month (upgrade on your account)',
    description: 'Activated by our team on the customer’s own account within the hour.',
    price: '20.00',
    stock: 500,
    categoryId: aiTools,
    autoDeliver: false,
    customFields: [ACCOUNT_EMAIL, NOTE],
    codeFormat: 'GPT-ACT-&&&&&&&&'
  },
  { id: P.midjourney, name: 'Midjourney Basic 1 Month', description: 'Gift code, redeem at midjourney.com.', price: '10.00', stock: 2500, categoryId: aiTools, autoDeliver: true, codeFormat: 'MJ-####-####-####' },
  {
    id: P.canvaPro,
    name: 'Canva Pro 1 Year (team invite)',
    description: 'Invite sent to the customer’s e-mail.',
    price: '14.99',
    stock: 300,
    categoryId: design,
    autoDeliver: false,
    customFields: [ACCOUNT_EMAIL],
    codeFormat: 'CNV-INV-&&&&&&&&'
  },
  { id: P.capcutPro, name: 'CapCut Pro 1 Month', description: 'License key.', price: '7.50', stock: 1200, categoryId: design, autoDeliver: true, codeFormat: 'CC-#####-#####-#####' },
  { id: P.grammarly, name: 'Grammarly Premium 1 Month', description: 'License key.', price: '12.00', stock: 0, categoryId: aiTools, autoDeliver: true, codeFormat: 'GRM-####-####-####' },
  { id: P.googlePlay10, name: 'Google Play $10 (US)', description: 'US accounts only.', price: '10.60', stock: 800, categoryId: giftCards, autoDeliver: true, codeFormat: '####-####-####-####-####' },
  { id: P.itunes10, name: 'iTunes $10 (USA)', description: 'US Apple ID only.', price: '10.75', stock: 600, categoryId: giftCards, autoDeliver: true, codeFormat: 'X###############' },
  { id: P.steam20, name: 'Steam Wallet $20 (USD)', description: 'Global, USD wallets.', price: '21.20', stock: 300, categoryId: giftCards, autoDeliver: true, codeFormat: '#####-#####-#####' },
  { id: P.netflix25, name: 'Netflix $25 (USA)', description: 'US region.', price: '26.00', stock: 150, categoryId: streaming, autoDeliver: true, codeFormat: '###########' },
  { id: P.spotify3m, name: 'Spotify Premium 3 Months', description: 'Gift code, new and existing accounts.', price: '29.99', stock: 40, categoryId: streaming, autoDeliver: true, codeFormat: 'SPOT-####-####-####' },
  {
    id: P.pubg60,
    name: 'PUBG Mobile 60 UC (Player ID top-up)',
    description: 'Sent straight to the player’s account; give the numeric Player ID.',
    price: '0.99',
    stock: 5000,
    categoryId: gameTopUp,
    autoDeliver: false,
    customFields: [PLAYER_ID],
    codeFormat: 'PUBG-TX-&&&&&&&&&&'
  },
  {
    id: P.freeFire100,
    name: 'Free Fire 100 Diamonds (Player ID top-up)',
    description: 'Sent straight to the player’s account; give the numeric Player ID.',
    price: '1.05',
    stock: 5000,
    categoryId: gameTopUp,
    autoDeliver: false,
    customFields: [PLAYER_ID],
    codeFormat: 'FF-TX-&&&&&&&&&&'
  },
  {
    id: P.mlbb86,
    name: 'Mobile Legends 86 Diamonds',
    description: 'Give the User ID and the Zone ID shown in the game profile.',
    price: '1.60',
    stock: 3000,
    categoryId: gameTopUp,
    autoDeliver: false,
    customFields: [
      { name: 'user_id', label: 'User ID', type: 'number', required: true, placeholder: 'e.g. 123456789', pattern: '[0-9]{6,12}' },
      { name: 'zone_id', label: 'Zone ID', type: 'number', required: true, placeholder: 'e.g. 2345', pattern: '[0-9]{4,5}' }
    ],
    codeFormat: 'MLBB-TX-&&&&&&&&&&'
  },
  {
    id: P.genshin60,
    name: 'Genshin Impact 60 Genesis Crystals',
    description: 'Give the UID and choose the server.',
    price: '0.99',
    stock: 2000,
    categoryId: gameTopUp,
    autoDeliver: false,
    customFields: [
      { name: 'uid', label: 'UID', type: 'text', required: true, placeholder: '9 digits', pattern: '[0-9]{9}' },
      { name: 'server', label: 'Server', type: 'select', required: true, options: ['America', 'Europe', 'Asia', 'TW, HK, MO'] }
    ],
    codeFormat: 'GI-TX-&&&&&&&&&&'
  },
  {
    id: P.windows11,
    name: 'Windows 11 Pro Retail Key',
    description: 'Lifetime retail key, one PC.',
    price: '12.90',
    stock: 900,
    categoryId: software,
    autoDeliver: true,
    discountPercent: 5,
    codeFormat: '#####-#####-#####-#####-#####'
  },
  { id: P.razer10, name: 'Razer Gold $10 (Global)', description: 'Global PIN.', price: '10.40', stock: 1200, categoryId: giftCards, autoDeliver: true, codeFormat: 'RG&&&&&&&&&&&&&&' },
  { id: P.roblox800, name: 'Roblox 800 Robux', description: 'Global gift card.', price: '10.50', stock: 700, categoryId: giftCards, autoDeliver: true, codeFormat: 'RBX-&&&-&&&-&&&&' },
  { id: P.discordNitro, name: 'Discord Nitro 1 Month', description: 'Gift link.', price: '9.99', stock: 400, categoryId: streaming, autoDeliver: true, codeFormat: 'https://discord.gift/################' }
]
