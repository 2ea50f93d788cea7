// The packaged-app smoke test (release workflow only: it needs a real Electron, which cannot be downloaded here).
//   RESELLERDESK_APP=<path to the packaged executable> npx playwright test -c test/electron-smoke/playwright.config.ts
// On Linux it runs under xvfb-run. See test/electron-smoke/prepare-app.mjs for how the executable is prepared.
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  outputDir: '../../test-results/electron-smoke',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' }
})
