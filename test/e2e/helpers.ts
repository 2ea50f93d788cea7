// What a person does again and again in these tests, done through the UI like they would: say who is at the desk,
// add a supplier account, sync the catalog and put a product in the basket.
import { readFileSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { expect, navigate } from './fixtures'

/** The "Who is at the desk?" screen after start: type a name and continue. */
export async function chooseProfile(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('profile-screen')).toBeVisible()
  await page.getByTestId('profile-new-name').fill(name)
  await page.getByTestId('profile-submit').click()
  await expect(page.getByTestId('profile-current')).toHaveAttribute('data-name', name)
}

export interface DigetalHubeAccountInput {
  name: string
  baseUrl: string
  apiKey: string
  /** Advanced settings, for a simulator that runs faster than the real supplier. */
  pollSeconds?: string
  firstPollSeconds?: string
  ratePerMinute?: string
}

/** Simulator timing: it delivers in well under a second, so check early and often (Advanced settings). */
export const FAST_POLLING = { pollSeconds: '0.1', firstPollSeconds: '0.1', ratePerMinute: '6000' } as const

/** Fills the Add-account form for DigetalHube and submits it; returns the new account's table row. */
export async function addDigetalHubeAccount(page: Page, input: DigetalHubeAccountInput): Promise<Locator> {
  await navigate(page, 'accounts')
  const form = page.getByTestId('add-account-form')
  await form.getByTestId('account-kind').selectOption('digetalhube')
  await form.getByTestId('account-name').fill(input.name)
  await form.getByTestId('account-base-url').fill(input.baseUrl)
  await form.getByTestId('account-apiKey').fill(input.apiKey)
  if (input.pollSeconds || input.firstPollSeconds || input.ratePerMinute) {
    await form.getByTestId('account-advanced-toggle').click()
    if (input.pollSeconds) await form.getByTestId('account-poll').fill(input.pollSeconds)
    if (input.firstPollSeconds) await form.getByTestId('account-first-poll').fill(input.firstPollSeconds)
    if (input.ratePerMinute) await form.getByTestId('account-rate-limit').fill(input.ratePerMinute)
  }
  await form.getByTestId('add-account-submit').click()
  const row = page.locator(`[data-testid="account-row"][data-account-name="${input.name}"]`)
  await expect(row).toBeVisible()
  return row
}

/** The connection test result shown under an account row (it runs by itself right after adding). */
export async function testResultOf(page: Page, row: Locator): Promise<Locator> {
  const id = await row.getAttribute('data-account-id')
  return page.locator(`[data-testid="account-test-result"][data-account-id="${id}"]`)
}

/** Catalog → Sync → search → Buy on the row of `productId`: lands on the Buy screen with that line. */
export async function syncSearchAndBuy(page: Page, search: string, productId: string): Promise<void> {
  await navigate(page, 'catalog')
  await page.getByTestId('catalog-sync').click()
  await expect(page.getByTestId('catalog-sync-result')).toContainText(/Catalog synced: \d+ items/)
  await page.getByTestId('catalog-search').fill(search)
  const row = page.locator(`[data-testid="catalog-row"][data-product-id="${productId}"]`)
  await expect(row).toBeVisible()
  await row.getByTestId('catalog-buy').click()
  await expect(page.getByTestId('screen-buy')).toBeVisible()
}

/** Reads an exported CSV (RFC 4180 quoting) into rows of cells. */
export function readCsv(path: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell !== '' || row.length) rows.push([...row, cell])
  return rows
}
