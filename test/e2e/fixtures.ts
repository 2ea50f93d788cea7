// Playwright fixtures: a fresh data folder per test, the real core (AppHost) behind the loopback test bridge, the
// real renderer build in Chromium with window.api provided by the bridge shim — the same contract the Electron
// preload exposes. Suppliers are the simulators, on loopback.
import { test as base, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppHost } from '../../src/core/app/app-host'
import { createPassphraseKeyProvider } from '../../src/core/vault/passphrase-provider'
import { bridgeShell, startBridge, type Bridge } from '../bridge/server'
import { bridgeShimScript } from '../bridge/shim'

export interface E2EApp {
  host: AppHost
  bridge: Bridge
  exportDir: string
  clipboard: { text: string | null; copied: string[] }
  /** Save a screenshot as a test artifact (test-results/e2e-artifacts/<test>/<name>.png). */
  shot(name: string): Promise<void>
  open(): Promise<void>
}

export interface E2EOptions {
  mode: 'demo' | 'live'
}

const RENDERER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../out/renderer')

export const test = base.extend<E2EOptions & { app: E2EApp }>({
  mode: ['live', { option: true }],
  app: async ({ page, mode }, use, testInfo) => {
    const root = mkdtempSync(join(tmpdir(), 'rd-e2e-'))
    const exportDir = join(root, 'exports')
    const shell = bridgeShell(exportDir)
    const host = await AppHost.start({
      liveDataDir: join(root, 'live'),
      demoDataDir: join(root, 'demo'),
      keyProvider: createPassphraseKeyProvider('e2e passphrase', { cost: { N: 2 ** 12, r: 8, p: 1 } }),
      shell,
      actor: 'e2e',
      mode,
      demoSpeed: 100,
      appVersion: 'e2e'
    })
    const bridge = await startBridge({ host, rendererDir: RENDERER_DIR, exportDir })
    await page.addInitScript(bridgeShimScript(bridge.url, bridge.token))
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await use({
      host,
      bridge,
      exportDir,
      clipboard: shell.clipboard,
      shot: async (name) => {
        await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true })
      },
      open: async () => {
        await page.goto(bridge.url)
      }
    })
    await bridge.close()
    await host.stop()
    rmSync(root, { recursive: true, force: true })
    if (errors.length) await testInfo.attach('browser-errors', { body: errors.join('\n'), contentType: 'text/plain' })
  }
})

export { expect } from '@playwright/test'

/** Go to a screen through the sidebar, like a person. */
export async function navigate(
  page: Page,
  screen: 'accounts' | 'settings' | 'catalog' | 'watches' | 'markup' | 'buy' | 'orders' | 'codes' | 'ledger' | 'balances' | 'history' | 'reconcile'
): Promise<void> {
  await page.getByTestId(`nav-${screen}`).click()
  await page.getByTestId(`screen-${screen}`).waitFor()
}
