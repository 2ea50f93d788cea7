// The demo's data folder. Demo data is thrown away at every start (fresh simulators hold no orders from before),
// and throwing a folder away is the one thing that can destroy a shop's stock. So the demo only ever removes a
// folder it created itself: when it creates one it writes a marker file into it, and it starts afresh only in a
// folder that is new, empty, or carries that marker. Any other folder — a live vault passed by mistake, a folder
// of the person's own files — is refused with a clear message and left exactly as it was.
import Database from 'better-sqlite3'
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DB_FILE } from '../db/open'
import { AppError } from '../errors'
import { FOLDER_STATE_FILE } from '../backup'
import { isOurTempName } from '../codes'

/** The marker's name and its first line: a person who finds the folder learns what it is and that it may go. */
export const DEMO_MARKER_FILE = '.resellerdesk-demo'
const MARKER_TEXT = 'ResellerDesk demo data: simulated suppliers, no real codes or keys. ResellerDesk may delete this folder.\n'

export function isDemoFolder(dir: string): boolean {
  try {
    const st = lstatSync(join(dir, DEMO_MARKER_FILE))
    return st.isFile() && readFileSync(join(dir, DEMO_MARKER_FILE), 'utf8').startsWith(MARKER_TEXT.slice(0, 24))
  } catch {
    return false
  }
}

/** What a demo folder written before the marker existed may hold (the demo's database and its CSV export). */
const LEGACY_DEMO_ENTRIES = new Set([DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, 'demo-codes.csv', 'unused-live'])

/** Everything a demo run itself puts in its folder: the only entries a restart removes (with the marker). */
const DEMO_ENTRIES = new Set([...LEGACY_DEMO_ENTRIES, `${DB_FILE}-journal`, FOLDER_STATE_FILE, 'backups', DEMO_MARKER_FILE])
const isDemoEntry = (dir: string, name: string): boolean => DEMO_ENTRIES.has(name) || isOurTempName(join(dir, 'demo-codes.csv'), join(dir, name))

/**
 * A demo folder from a version before the marker: only the demo's own files, and a database whose accounts are all
 * demo accounts (a live vault always has at least one real account, or it would be shown the demo instead). Looked
 * at in a copy in memory: even a read-only open of a WAL database would create files beside it, and a folder we
 * refuse must stay exactly as it was. A demo database is small; a large one is not taken for a demo.
 */
function isLegacyDemoFolder(dir: string, entries: string[]): boolean {
  if (!entries.includes(DB_FILE) || !entries.every((e) => LEGACY_DEMO_ENTRIES.has(e))) return false
  try {
    const file = join(dir, DB_FILE)
    if (statSync(file).size > 64 * 1024 * 1024) return false
    const image = readFileSync(file)
    // Bytes 18–19 say "WAL"; an in-memory image must read as a rollback-journal database to open.
    image[18] = 1
    image[19] = 1
    const db = new Database(image, { readonly: true })
    try {
      const r = db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(demo = 1), 0) AS demo FROM accounts').get() as { n: number; demo: number }
      return r.n > 0 && r.n === r.demo
    } finally {
      db.close()
    }
  } catch {
    return false
  }
}

function refuse(message: string): never {
  // VALIDATION: the person named the wrong folder (the CLI exits 2, the app shows the message); nothing was touched.
  throw new AppError('VALIDATION', message)
}

/**
 * Make `dir` an empty demo folder carrying the marker. A missing or empty folder is taken (and marked); a marked
 * folder is emptied and re-marked; anything else is refused before a single file is touched.
 */
export function prepareDemoFolder(dir: string): void {
  let st: ReturnType<typeof lstatSync> | null = null
  try {
    st = lstatSync(dir)
  } catch {
    st = null
  }
  if (st) {
    // A link could point anywhere (a live folder); the demo neither follows nor removes one.
    if (st.isSymbolicLink()) refuse(`${dir} is a link, not a demo folder. The demo uses only a folder it created itself; choose a new folder.`)
    if (!st.isDirectory()) refuse(`${dir} is a file, not a folder. Choose a new folder for the demo.`)
    const entries = readdirSync(dir)
    if (entries.length > 0 && !isDemoFolder(dir) && !isLegacyDemoFolder(dir, entries)) {
      if (entries.includes(DB_FILE)) {
        refuse(`${dir} holds ResellerDesk data that is not demo data (perhaps your real vault). The demo never uses or deletes it; choose another folder for the demo.`)
      }
      refuse(`${dir} is not empty and is not a demo folder (it holds ${entries.length} file(s) the demo did not create). The demo never deletes them; choose a new or empty folder.`)
    }
    // Marked by us: the demo's own entries from a previous run go, and only those. Anything else was put there by a
    // person since (a marker says the folder was the demo's, not that every file in it is): refuse, touch nothing.
    const foreign = entries.filter((e) => !isDemoEntry(dir, e))
    if (foreign.length > 0) {
      const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : '')
      refuse(`${dir} is a demo folder, but it also holds ${foreign.length} file(s) the demo did not create (${shown}). The demo never deletes them; move them elsewhere or choose a new folder.`)
    }
    for (const e of entries) if (e !== DEMO_MARKER_FILE) rmSync(join(dir, e), { recursive: true, force: true })
    // The marker last: a removal cut off half-way leaves a folder still known as the demo's.
    if (entries.includes(DEMO_MARKER_FILE)) rmSync(join(dir, DEMO_MARKER_FILE), { force: true })
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  writeFileSync(join(dir, DEMO_MARKER_FILE), `${MARKER_TEXT}Created ${new Date().toISOString()}\n`, { mode: 0o600 })
}
