// The baselines: the least code that does the same irreducible work as the app's path — AES-256-GCM with a fresh
// IV per value, HMAC-SHA-256, a bare SQLite INSERT/SELECT loop, a plain file write — with none of the app's
// structure (no key objects, no version byte, no repositories, no indexes). Bounds are multiples of these, measured
// in the same run, so a ratio means the same on a slow CI box and a fast laptop.
import Database from 'better-sqlite3'
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs'
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomFillSync } from 'node:crypto'
import { join } from 'node:path'

const RAW_KEY = createHash('sha256').update('resellerdesk/bench/raw-baseline-key').digest()
const RAW_MAC_KEY = createHash('sha256').update('resellerdesk/bench/raw-baseline-mac').digest()

// Fresh IVs from one CSPRNG fill per 4096 (one randomBytes(12) call per value costs more than the AES itself,
// which would flatter the app's own IV pool).
let ivPool = Buffer.alloc(0)
let ivAt = 0
function freshIv(): Buffer {
  if (ivAt + 12 > ivPool.length) {
    ivPool = randomFillSync(Buffer.allocUnsafe(12 * 4096))
    ivAt = 0
  }
  ivAt += 12
  return ivPool.subarray(ivAt - 12, ivAt)
}

/** iv ‖ tag ‖ ciphertext, fresh random IV, aad bound — what vault.seal does, minus everything around it. */
export function rawSeal(plaintext: string, aad: string): Buffer {
  const iv = freshIv()
  const c = createCipheriv('aes-256-gcm', RAW_KEY, iv)
  c.setAAD(Buffer.from(aad))
  const ct = c.update(plaintext, 'utf8')
  c.final()
  return Buffer.concat([iv, c.getAuthTag(), ct])
}

export function rawOpen(box: Buffer, aad: string): string {
  const d = createDecipheriv('aes-256-gcm', RAW_KEY, box.subarray(0, 12))
  d.setAAD(Buffer.from(aad))
  d.setAuthTag(box.subarray(12, 28))
  const pt = d.update(box.subarray(28))
  d.final()
  return pt.toString('utf8')
}

export function rawMac(text: string): Buffer {
  return createHmac('sha256', RAW_MAC_KEY).update(text).digest()
}

export type BareRow = [id: string, orderId: string, seq: number, accountId: string, productId: string, sealed: Buffer, fingerprint: Buffer, createdAt: string]

/**
 * A bare on-disk SQLite table with the codes' columns and nothing else (no primary key, no indexes, no foreign
 * keys), with the app's durability settings (WAL, synchronous = FULL): one prepared INSERT, one transaction.
 */
export function bareInsert(dir: string, rows: readonly BareRow[], onEvery?: () => void): number {
  const db = new Database(join(dir, `bare-${randomBytes(4).toString('hex')}.sqlite`))
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.exec(`CREATE TABLE bare (id TEXT, order_id TEXT, seq INTEGER, account_id TEXT, product_id TEXT, sealed BLOB, fingerprint BLOB,
             state TEXT, created_at TEXT)`)
    const ins = db.prepare(`INSERT INTO bare VALUES (?, ?, ?, ?, ?, ?, ?, 'in_stock', ?)`)
    const t0 = performance.now()
    db.transaction(() => {
      for (let i = 0; i < rows.length; i++) {
        ins.run(rows[i]!)
        if (onEvery && (i & 1023) === 0) onEvery()
      }
    })()
    return performance.now() - t0
  } finally {
    db.close()
  }
}

/** Writes `bytes` to a temp file, fsyncs and renames it — the atomic write, without any formatting. */
export function rawAtomicWrite(path: string, bytes: Buffer): void {
  const tmp = `${path}.raw.tmp`
  const fd = openSync(tmp, 'w', 0o600)
  try {
    // in 1 MiB writes, as a streaming writer would
    for (let off = 0; off < bytes.length; off += 1 << 20) writeSync(fd, bytes, off, Math.min(1 << 20, bytes.length - off))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, path)
}
