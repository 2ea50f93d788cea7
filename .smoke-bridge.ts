import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { AppHost } from './src/core/app/app-host'
import { bridgeShell, startBridge } from './test/bridge/server'
import { bridgeShimScript } from './test/bridge/shim'

const dir = mkdtempSync(join(tmpdir(), 'rd-smoke-'))
const host = await AppHost.start({ liveDataDir: join(dir, 'live'), demoDataDir: join(dir, 'demo'), keyProvider: null, shell: bridgeShell(join(dir, 'exports')), actor: 'smoke', mode: 'auto', demoSpeed: 600, appVersion: '0.0.0' })
const bridge = await startBridge({ host, rendererDir: 'out/renderer', exportDir: join(dir, 'exports') })
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
const page = await browser.newPage()
const problems: string[] = []
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`) })
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
await page.addInitScript(bridgeShimScript(bridge.url, bridge.token))
await page.goto(bridge.url)
await page.waitForTimeout(2000)
const info = await page.evaluate(() => window.api.invoke('app.info', {}))
console.log('app.info via shim:', JSON.stringify(info))
const evt = await page.evaluate(() => new Promise((resolve) => { const off = window.api.onEvent((e) => { off(); resolve(e.type) }); void window.api.invoke('balances.refresh', {}) }))
console.log('event via SSE:', evt)
console.log('body text:', (await page.locator('body').innerText()).slice(0, 300).replace(/\n+/g, ' | '))
console.log('problems:', problems)
await browser.close()
await bridge.close()
await host.stop()
rmSync(dir, { recursive: true, force: true })
