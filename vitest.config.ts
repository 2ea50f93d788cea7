import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/sim/**/*.test.ts', 'test/crash/**/*.test.ts', 'test/packaging/**/*.test.ts'],
    // Builds out/cli/index.mjs when stale: the crash test spawns the compiled CLI, as users run it.
    globalSetup: ['test/setup/cli-bundle.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks'
  }
})
