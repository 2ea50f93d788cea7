// The daily workflow, in demo mode (five simulated accounts), clicking like a person at the desk: a markup
// rule gives the sell price, 12 codes are bought and announced, exported and checked in the file, 5 marked sold, the
// history says who did it, the balance card shows the spend, a low-balance warning comes once, and reconciliation
// finds the DigetalHube account in order.
import { isAbsolute, relative } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, navigate, test } from './fixtures'
import { chooseProfile, readCsv } from './helpers'

const DH = 'Demo DigetalHube'

async function accountId(page: Page, name: string): Promise<string> {
  const chip = page.locator(`[data-testid="balance-chip"][data-account-name="${name}"]`)
  await expect(chip).toBeVisible()
  return (await chip.getAttribute('data-account-id'))!
}

function lowToasts(page: Page, name: string): Locator {
  return page.locator('[data-testid="toast"][data-topic="balance.low"]').filter({ hasText: name })
}

test.describe('the daily workflow', () => {
  test.use({ mode: 'demo' })

  test('markup → buy 12 → delivery toast → export → 5 sold → history → balance chart → low-balance warning once → reconcile ok', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Amina')
    const dh = await accountId(page, DH)

    // Markup rules: DigetalHube at cost + 10 %, rounded up to 0.05.
    await navigate(page, 'markup')
    const form = page.getByTestId('markup-form')
    await form.getByTestId('markup-account').selectOption(dh)
    await form.getByTestId('markup-value-input').fill('10')
    await form.getByTestId('markup-step').fill('0.05')
    await form.getByTestId('markup-mode').selectOption('up')
    await form.getByTestId('markup-save').click()
    const rule = page.locator(`[data-testid="markup-row"][data-account-id="${dh}"]`)
    await expect(rule.getByTestId('markup-value')).toHaveText('+10 %')
    await app.shot('01-markup-rule')

    // Catalog: "pubg 60" costs 1.05 USDT and sells at 1.20 (1.155 rounded up to the next 0.05).
    await navigate(page, 'catalog')
    await page.getByTestId('catalog-search').fill('pubg 60')
    await expect(page.getByTestId('catalog-row').first()).toContainText('PUBG Mobile 60 UC')
    const product = page.locator(`[data-testid="catalog-row"][data-account-id="${dh}"][data-product-id="123"]`)
    await expect(product.getByTestId('catalog-price')).toHaveText('1.05 USDT')
    await expect(product.getByTestId('catalog-sell')).toHaveText('1.20 USDT')
    await expect(page.getByTestId('catalog-sync-status')).toContainText(DH)
    await app.shot('02-catalog-sell-price')

    // Buy 12 (10 + 2); the delivery is announced in the window, once for the whole purchase.
    await product.getByTestId('catalog-buy').click()
    await page.getByTestId('buy-quantity').fill('12')
    await page.getByTestId('buy-review').click()
    await expect(page.getByTestId('plan-split')).toHaveAttribute('data-split', '10,2')
    await expect(page.getByTestId('plan-account-cost')).toHaveText('12.60 USDT')
    await page.getByTestId('plan-confirm').click()
    const delivered = page.locator('[data-testid="toast"][data-topic="delivery"]')
    await expect(delivered).toContainText('12 codes delivered — PUBG Mobile 60 UC', { timeout: 30_000 })
    await expect(delivered.getByTestId('toast-open-order')).toBeVisible()
    await expect(delivered).toHaveCount(1)
    await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-done', 'true')
    await app.shot('03-delivery-toast')

    // Codes of this purchase: export all 12, marked exported; the file holds exactly these 12.
    await page.getByTestId('batch-view-codes').click()
    const rows = page.getByTestId('code-row')
    await expect(rows).toHaveCount(12)
    await page.getByTestId('codes-select-all').check()
    await expect(page.getByTestId('codes-selected-count')).toHaveAttribute('data-count', '12')
    await expect(page.getByTestId('export-mark-exported')).toBeChecked()
    await page.getByTestId('export-csv').click()
    const exported = page.getByTestId('export-result')
    await expect(exported).toHaveAttribute('data-count', '12')
    const path = (await exported.getAttribute('data-path'))!
    expect(isAbsolute(path) && !relative(app.exportDir, path).startsWith('..')).toBe(true)
    const [header, ...lines] = readCsv(path)
    expect(header).toEqual(expect.arrayContaining(['product', 'code', 'account']))
    expect(lines).toHaveLength(12)
    expect(new Set(lines.map((l) => l[header!.indexOf('code')])).size).toBe(12)
    expect(lines.every((l) => l[header!.indexOf('product')] === 'PUBG Mobile 60 UC')).toBe(true)
    await expect(rows.and(page.locator('[data-state="exported"]'))).toHaveCount(12)
    await app.shot('04-exported')

    // Five of them sold, picked with the keyboard: Space on the first row, Shift+↓ four times.
    await rows.first().focus()
    await page.keyboard.press('Space')
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowDown')
    await expect(page.getByTestId('codes-selected-count')).toHaveAttribute('data-count', '5')
    await expect(rows.nth(4)).toBeFocused()
    await page.getByTestId('codes-mark-sold').click()
    const dialog = page.getByTestId('mark-dialog')
    await expect(dialog).toContainText('Mark 5 codes as sold?')
    await app.shot('05-mark-sold-dialog')
    await dialog.getByTestId('mark-confirm').click()
    await expect(page.getByTestId('toast').filter({ hasText: '5 codes marked sold.' })).toBeVisible()
    await expect(rows.and(page.locator('[data-state="sold"]'))).toHaveCount(5)
    await expect(rows.and(page.locator('[data-state="exported"]'))).toHaveCount(7)
    await app.shot('06-five-sold')

    // History: the export and the five sold marks, under Amina's name.
    await navigate(page, 'history')
    const history = page.getByTestId('history-row')
    const exportLine = history.and(page.locator('[data-action="codes.export"]'))
    await expect(exportLine).toHaveAttribute('data-actor', 'Amina')
    await expect(exportLine.getByTestId('history-detail')).toHaveText('12 codes, marked exported')
    const soldLine = history.and(page.locator('[data-action="code.sold"]'))
    await expect(soldLine).toHaveAttribute('data-count', '5')
    await expect(soldLine).toHaveAttribute('data-actor', 'Amina')
    await expect(soldLine.getByTestId('history-what')).toHaveText('Marked 5 codes sold')
    await expect(history.and(page.locator('[data-action="code.exported"]'))).toHaveAttribute('data-count', '12')
    await page.getByTestId('history-actor').selectOption('Amina')
    await expect(soldLine).toBeVisible()
    await app.shot('07-history')

    // Balances: the DigetalHube card shows 500.00 − 12.60, its forecast and a chart.
    await navigate(page, 'balances')
    const card = page.locator(`[data-testid="balance-card"][data-account-id="${dh}"]`)
    await expect(card.getByTestId('balance-card-amount')).toHaveText('487.40 USDT')
    await expect(card.getByTestId('balance-card-threshold')).toHaveText('50.00 USDT')
    await expect(card.getByTestId('balance-chart').locator('canvas').first()).toBeVisible()
    await expect(card.getByTestId('balance-card-spend')).toContainText('USDT')
    await page.getByTestId('balances-days-7').check()
    await expect(card.getByTestId('balance-chart').locator('canvas').first()).toBeVisible()
    await card.getByTestId('balance-chart').locator('.u-over').hover() // the legend reads out the reading under the cursor
    await app.shot('08-balances')

    // Accounts: a warning level above the balance; the next reading warns, once.
    await navigate(page, 'accounts')
    await page.locator(`[data-testid="account-row"][data-account-id="${dh}"]`).getByTestId('account-edit').click()
    const edit = page.getByTestId('account-edit-dialog')
    await edit.getByTestId('account-edit-threshold').fill('600')
    await edit.getByTestId('account-edit-save').click()
    await expect(edit).toHaveCount(0)
    await expect(lowToasts(page, DH)).toHaveCount(0)
    await page.getByTestId('balances-refresh').click()
    await expect(lowToasts(page, DH)).toHaveCount(1)
    await expect(lowToasts(page, DH)).toContainText('487.40 USDT left, below your warning level of 600.00 USDT')
    await expect(page.locator(`[data-testid="balance-chip"][data-account-id="${dh}"]`)).toHaveAttribute('data-low', 'true')
    await app.shot('09-low-balance-toast')
    // Still below on the next reading: no second warning for the same dip.
    await page.getByTestId('balances-refresh').click()
    await expect(page.getByTestId('balances-refresh')).not.toHaveAttribute('aria-busy', 'true')
    await navigate(page, 'balances')
    await expect(card).toHaveAttribute('data-low', 'true')
    await expect(card.getByTestId('balance-card-threshold')).toHaveText('600.00 USDT')
    await expect(lowToasts(page, DH)).toHaveCount(1)
    await app.shot('10-balances-low')

    // Reconcile the last 30 days: the DigetalHube account's spend matches its balance to the cent.
    await navigate(page, 'reconcile')
    await page.getByTestId('reconcile-run').click()
    const recon = page.locator(`[data-testid="reconcile-row"][data-account-id="${dh}"]`)
    await expect(recon).toHaveAttribute('data-status', 'ok')
    await expect(recon.getByTestId('reconcile-spent')).toHaveText('12.60 USDT')
    await expect(recon.getByTestId('reconcile-upstream')).toHaveText('-12.60 USDT')
    await app.shot('11-reconcile')
  })
})
