#!/usr/bin/env node
// Builds the CLI into one file, out/cli/index.mjs, so `resellerdesk` starts as plain JavaScript instead of
// transpiling TypeScript through tsx at every start (2–4 s before). Part of `npm run build`; the tests that spawn the
// CLI build it first when it is missing (test/cli-bundle.ts).
// Everything is bundled except better-sqlite3: a native addon, loaded from node_modules like any other build.
import { build } from 'esbuild'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const CLI_BUNDLE = join(root, 'out', 'cli', 'index.mjs')

export async function buildCli() {
  await build({
    entryPoints: [join(root, 'src', 'cli', 'index.ts')],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    // Bundled CommonJS dependencies (axios's form-data, commander…) call require() for Node built-ins.
    banner: { js: "import { createRequire as __rdCreateRequire } from 'node:module'; const require = __rdCreateRequire(import.meta.url);" },
    legalComments: 'none',
    sourcemap: 'linked',
    logLevel: 'warning'
  })
}

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

/** True when the bundle is missing or older than any source it is built from (the renderer and main are not in it). */
export function cliBundleStale() {
  if (!existsSync(CLI_BUNDLE)) return true
  const built = statSync(CLI_BUNDLE).mtimeMs
  const sources = ['cli', 'core', 'shared', 'sim'].map((d) => join(root, 'src', d)).filter((d) => existsSync(d))
  return sources.some((d) => newestMtime(d) > built) || statSync(join(root, 'package-lock.json')).mtimeMs > built
}

/** Builds the bundle only when it is stale: `npm run cli` and the tests that spawn the CLI call this. */
export async function ensureCliBundle() {
  if (cliBundleStale()) await buildCli()
  return CLI_BUNDLE
}

//   node scripts/build-cli.mjs             always build (npm run build)
//   node scripts/build-cli.mjs --if-stale  build only when a source is newer than the bundle (npm run cli)
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = Date.now()
  if (process.argv.includes('--if-stale')) {
    if (cliBundleStale()) {
      await buildCli()
      console.error(`built ${CLI_BUNDLE} in ${Date.now() - t0} ms`)
    }
  } else {
    await buildCli()
    console.log(`built ${CLI_BUNDLE} in ${Date.now() - t0} ms`)
  }
}
