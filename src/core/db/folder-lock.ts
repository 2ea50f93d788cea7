// "This data folder is in use": every open session leaves a small file in <data>/.in-use/ naming its process
// (pid, kind, since) and refreshes it while it lives. A restore, which renames the whole folder, refuses while any
// live holder is there; the process that renamed it away would otherwise keep writing into the folder moved aside.
// A holder whose process is gone, or that stopped refreshing (a crash, a pid reused after a reboot), counts as free.
// Separate from any lock inside the database on purpose: it must work when the database cannot be opened.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const IN_USE_DIR = '.in-use'
const REFRESH_MS = 60_000
/** Several refreshes missed: the holder is not running any more (or is frozen and will find its folder moved). */
const STALE_MS = 5 * 60_000

export interface FolderHolder {
  pid: number
  kind: string
  since: string
  refreshedAt: string
}

export interface FolderLock {
  release(): void
}

/** Marks the folder as used by this process until release() (also on exit). Best effort: never blocks opening. */
export function holdFolder(dataDir: string, kind: string, now: () => Date = () => new Date()): FolderLock {
  const dir = join(dataDir, IN_USE_DIR)
  const file = join(dir, `${process.pid}-${randomBytes(4).toString('hex')}.json`)
  const since = now().toISOString()
  const write = (): void => {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      const holder: FolderHolder = { pid: process.pid, kind, since, refreshedAt: now().toISOString() }
      writeFileSync(file, JSON.stringify(holder), { mode: 0o600 })
    } catch {
      // a read-only folder: nothing to protect from a restore there either
    }
  }
  write()
  const timer = setInterval(write, REFRESH_MS)
  timer.unref()
  const onExit = (): void => rmSync(file, { force: true })
  process.once('exit', onExit)
  return {
    release() {
      clearInterval(timer)
      process.removeListener('exit', onExit)
      rmSync(file, { force: true })
    }
  }
}

/** The live processes holding the folder (other than `exceptPid`, default none). */
export function folderHolders(dataDir: string, now: Date = new Date()): FolderHolder[] {
  const dir = join(dataDir, IN_USE_DIR)
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  const out: FolderHolder[] = []
  for (const name of names) {
    try {
      const h = JSON.parse(readFileSync(join(dir, name), 'utf8')) as FolderHolder
      if (typeof h.pid !== 'number' || typeof h.refreshedAt !== 'string') continue
      if (now.getTime() - new Date(h.refreshedAt).getTime() > STALE_MS) continue
      if (!processAlive(h.pid)) continue
      out.push(h)
    } catch {
      // half-written or removed meanwhile: not a holder
    }
  }
  return out
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as { code?: unknown }).code === 'EPERM' // alive, another user's
  }
}
