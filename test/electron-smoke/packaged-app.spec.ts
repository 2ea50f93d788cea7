// The packaged app, started as a shop would start it (a fresh profile → demo mode): buy 5 codes, export them, quit.
// Catches what no test on this machine can: the rebuilt better-sqlite3 loading inside Electron, the preload and
// renderer loading from app.asar with the fuses on, the tray, the demo simulators starting inside the app.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const executablePath = process.env['RESELLERDESK_APP']
const DH = 'Demo DigetalHube'

let app: ElectronApplication
let page: Page
let profile: string

test.beforeAll(async () => {
  if (!executablePath) throw new Error('Set RESELLERDESK_APP to the packaged executable (see prepare-app.mjs).')
  profile = mkdtempSync(join(tmpdir(), 'rd-smoke-profile-'))
  // --user-data-dir: a fresh profile, so the app has no live account and starts in demo mode.
  app = await electron.launch({ executablePath, args: [`--user-data-dir=${profile}`], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } })
  page = await app.firstWindow()
})

test.afterAll(async () => {
  await app?.close().catch(() => undefined)
  rmSync(profile, { recursive: true, force: true })
})

test('demo: buy 5 codes, export them, quit', async () => {
  expect(await app.evaluate(({ app: a }) => a.isPackaged)).toBe(true)
  await expect(page.getByTestId('mode-badge')).toContainText(/demo/i)
  await page.getByTestId('profile-new-name').fill('Smoke')
  await page.getByTestId('profile-submit').click()

  const chip = page.locator(`[data-testid="balance-chip"][data-account-name="${DH}"]`)
  await expect(chip).toBeVisible()
  const dh = await chip.getAttribute('data-account-id')
  await page.getByTestId('nav-catalog').click()
  await page.getByTestId('catalog-search').fill('pubg 60')
  const product = page.locator(`[data-testid="catalog-row"][data-account-id="${dh}"][data-product-id="123"]`)
  await product.getByTestId('catalog-buy').click()
  await page.getByTestId('buy-quantity').fill('5')
  await page.getByTestId('buy-review').click()
  await page.getByTestId('plan-confirm').click()
  await expect(page.locator('[data-testid="toast"][data-topic="delivery"]')).toContainText('5 codes delivered', { timeout: 60_000 })

  // The save dialog is native: answer it from the main process with a file in a temporary folder.
  const file = join(profile, 'smoke-export.csv')
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog
  }, file)
  await page.getByTestId('batch-view-codes').click()
  await expect(page.getByTestId('code-row')).toHaveCount(5)
  await page.getByTestId('codes-select-all').check()
  await page.getByTestId('export-csv').click()
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-count', '5')
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/)
  expect(lines).toHaveLength(1 + 5) // header + the 5 codes

  // Quit as the tray's and the menu's Quit do; the app stops its pollers and closes the database, then exits 0.
  const exited = new Promise<number | null>((resolve) => app.process().once('exit', (code) => resolve(code)))
  await app.evaluate(({ app: a }) => a.quit())
  expect(await exited).toBe(0)
})
