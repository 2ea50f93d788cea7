#!/usr/bin/env node
// The `resellerdesk` command: runs the compiled CLI (out/cli/index.mjs, built by `npm run build`). No TypeScript is
// transpiled at start-up: the bundle is plain JavaScript, so the command starts in a fraction of a second.
import { existsSync } from 'node:fs'
import module from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

const bundle = fileURLToPath(new URL('../out/cli/index.mjs', import.meta.url))
if (!existsSync(bundle)) {
  console.error('ResellerDesk CLI is not built yet. Run `npm run build` in the ResellerDesk folder first.')
  process.exit(1)
}
// Node ≥ 22.1 keeps V8's compiled code of the bundle on disk between runs (a no-op on older Node).
module.enableCompileCache?.()
await import(pathToFileURL(bundle).href)
