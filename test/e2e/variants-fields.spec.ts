// Denominations and custom inputs at purchase, in demo mode (the built-in simulators of every supplier):
// switching a basket line to another variant of the same product, and the inputs a top-up needs.
import { PRODUCT_IDS } from '../../src/sim/aidigitaltools/catalog'
import { DEFAULT_CATALOG as ONECLICKDZ_CATALOG } from '../../src/sim/oneclickdz/catalog'
import { expect, navigate, test } from './fixtures'
import { chooseProfile } from './helpers'

const PUBG_UC = ONECLICKDZ_CATALOG.find((p) => p.title === 'PUBG Mobile UC')!
const PSN = ONECLICKDZ_CATALOG.find((p) => p.title === 'PlayStation Network')!
const variant = (p: typeof PUBG_UC, name: string) => p.types.find((t) => t.name === name)!

test.describe('variants and custom fields', () => {
  test.use({ mode: 'demo' })

  test('a basket line switches to another denomination of the same product, with its price and stock', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Amina')
    await navigate(page, 'catalog')
    await page.getByTestId('catalog-search').fill('pubg uc')
    const uc60 = page.locator(`[data-testid="catalog-row"][data-product-id="${PUBG_UC.id}"][data-variant-id="${variant(PUBG_UC, '60 UC').id}"]`)
    await uc60.getByTestId('catalog-buy').click()

    const picker = page.getByTestId('buy-variant')
    await expect(picker.locator('option')).toHaveCount(PUBG_UC.types.length)
    await expect(picker.locator('option').nth(1)).toHaveText('325 UC — 1,190.00 DZD — 1500 in stock')
    await app.shot('01-variant-picker')

    await picker.selectOption({ label: '325 UC — 1,190.00 DZD — 1500 in stock' })
    await expect(page.getByTestId('basket-title')).toContainText('325 UC')
    await page.getByTestId('buy-quantity').fill('2')
    await page.getByTestId('buy-review').click()
    const plan = page.getByTestId('plan')
    await expect(plan.getByTestId('plan-line')).toContainText('PUBG Mobile UC — 325 UC')
    await expect(plan.getByTestId('plan-total')).toHaveText('2,380.00 DZD')
    await plan.getByTestId('plan-confirm').click()
    await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-done', 'true', { timeout: 30_000 })
    await expect(page.getByTestId('batch-progress-text')).toHaveText('2 / 2 codes delivered')
    await app.shot('02-bought-the-other-variant')

    // An out-of-stock denomination is listed, but cannot be picked.
    await page.getByTestId('batch-new').click()
    await navigate(page, 'catalog')
    await page.getByTestId('catalog-search').fill('playstation')
    await page.locator(`[data-testid="catalog-row"][data-product-id="${PSN.id}"][data-variant-id="${variant(PSN, 'PSN 500 DA').id}"]`).getByTestId('catalog-buy').click()
    await expect(page.getByTestId('buy-variant').locator('option', { hasText: 'PSN 2000 DA' })).toBeDisabled()
    await expect(page.getByTestId('buy-variant').locator('option', { hasText: 'PSN 2000 DA' })).toContainText('out of stock')
  })

  test('a top-up asks for its Player ID: missing or malformed blocks Review; the order shows what was given', async ({ page, app }) => {
    await app.open()
    await chooseProfile(page, 'Amina')
    await navigate(page, 'catalog')
    await page.getByTestId('catalog-search').fill('pubg player')
    await page.locator(`[data-testid="catalog-row"][data-product-id="${PRODUCT_IDS.pubg60}"]`).getByTestId('catalog-buy').click()

    const playerId = page.getByTestId('buy-field-player_id')
    const fieldError = page.getByTestId('buy-field-player_id-error')
    await page.getByTestId('buy-review').click()
    await expect(fieldError).toHaveText('Player ID is required.')
    await expect(page.getByTestId('buy-error')).toHaveText('Correct the highlighted fields first.')
    await expect(page.getByTestId('plan')).toHaveCount(0)
    await app.shot('01-required-field')

    await playerId.fill('player-one')
    await page.getByTestId('buy-review').click()
    await expect(fieldError).toHaveText('Player ID is not in the expected format. Check it and type it again.')
    await expect(page.getByTestId('plan')).toHaveCount(0)
    await app.shot('02-pattern-error')

    await playerId.fill('5123456789')
    await page.getByTestId('buy-review').click()
    await expect(fieldError).toHaveCount(0)
    await page.getByTestId('plan-confirm').click()
    await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-done', 'true', { timeout: 30_000 })

    // The order's detail shows the input it was bought with.
    await page.getByTestId('batch-order').getByRole('button').first().click()
    const field = page.getByTestId('order-detail').locator('[data-testid="order-detail-field"][data-name="player_id"]')
    await expect(field).toContainText('5123456789')
    await app.shot('03-order-with-fields')
  })
})
