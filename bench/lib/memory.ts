// Memory sampler. process.memoryUsage() every ~50 ms, as asked — but the benchmarks are synchronous (SQLite and
// crypto block the event loop for seconds), so a setInterval alone would sample only between them. Hence three
// sources, merged per phase:
//  - a worker thread reads the process-wide RSS every 50 ms (RSS is per process, so it sees the main thread's
//    allocations even while the main thread is blocked);
//  - the main thread samples the V8 heap at every `poke()` (the benchmarks poke between orders, CSV chunks and
//    queries) and on its own 50 ms timer whenever the event loop is free;
//  - on Linux, the kernel's own high-water mark (VmHWM in /proc/self/status) cross-checks the sampled RSS peak.
import { readFileSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Worker } from 'node:worker_threads'

const INTERVAL_MS = 50
const MiB = 1024 * 1024

export interface MemoryPeak {
  /** Highest resident set size seen (MiB), process-wide. */
  peakRssMb: number
  /** Highest V8 heap in use seen on the main thread (MiB). */
  peakHeapUsedMb: number
  /** Highest memory outside the V8 heap owned by JS objects (Buffers…) seen on the main thread (MiB). */
  peakExternalMb: number
  /** RSS and heap when the phase began (MiB). */
  startRssMb: number
  startHeapUsedMb: number
  samples: number
}

// Plain JS run with eval (no TypeScript loader needed in the worker). Slot 0: peak RSS in KiB; slot 1: sample count.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const a = new Int32Array(workerData.sab)
setInterval(() => {
  const kib = Math.round(process.memoryUsage.rss() / 1024)
  if (kib > Atomics.load(a, 0)) Atomics.store(a, 0, kib)
  Atomics.add(a, 1, 1)
}, workerData.intervalMs)
`

export class MemorySampler {
  private readonly shared = new Int32Array(new SharedArrayBuffer(8))
  private worker: Worker | null = null
  private timer: NodeJS.Timeout | null = null
  private last = 0
  private phase: MemoryPeak | null = null
  private mainSamples = 0

  start(): void {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sab: this.shared.buffer, intervalMs: INTERVAL_MS } })
    this.worker.unref()
    this.timer = setInterval(() => this.sample(), INTERVAL_MS)
    this.timer.unref()
  }

  /**
   * Starts a new phase: peaks are measured from here until `endPhase()`. A full GC first, so the previous step's
   * garbage (a baseline's arrays, say) is not counted as this phase's memory.
   */
  beginPhase(): void {
    collectGarbage()
    const m = process.memoryUsage()
    Atomics.store(this.shared, 0, Math.round(m.rss / 1024))
    Atomics.store(this.shared, 1, 0)
    this.mainSamples = 0
    this.phase = {
      peakRssMb: m.rss / MiB,
      peakHeapUsedMb: m.heapUsed / MiB,
      peakExternalMb: m.external / MiB,
      startRssMb: m.rss / MiB,
      startHeapUsedMb: m.heapUsed / MiB,
      samples: 0
    }
    this.last = Date.now()
  }

  endPhase(): MemoryPeak {
    this.sample()
    const p = this.phase
    if (!p) throw new Error('endPhase() without beginPhase()')
    p.peakRssMb = Math.max(p.peakRssMb, Atomics.load(this.shared, 0) / 1024)
    p.samples = this.mainSamples + Atomics.load(this.shared, 1)
    this.phase = null
    return p
  }

  /** Cheap enough to call in a hot loop: samples at most every ~50 ms. */
  poke(): void {
    if (this.phase !== null && Date.now() - this.last >= INTERVAL_MS) this.sample()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    void this.worker?.terminate()
    this.timer = null
    this.worker = null
  }

  private sample(): void {
    const p = this.phase
    if (!p) return
    this.last = Date.now()
    const m = process.memoryUsage()
    this.mainSamples++
    p.peakRssMb = Math.max(p.peakRssMb, m.rss / MiB)
    p.peakHeapUsedMb = Math.max(p.peakHeapUsedMb, m.heapUsed / MiB)
    p.peakExternalMb = Math.max(p.peakExternalMb, m.external / MiB)
  }
}

/** A full GC, without needing node --expose-gc on the command line (npm run bench runs plain tsx). */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

/** The kernel's peak RSS for this process (MiB), or null where /proc is not available (macOS, Windows). */
export function kernelPeakRssMb(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    return m ? Number(m[1]) / 1024 : null
  } catch {
    return null
  }
}

/** Merges phase peaks into one (the highest of each). */
export function mergePeaks(peaks: readonly MemoryPeak[]): MemoryPeak {
  return peaks.reduce((a, b) => ({
    peakRssMb: Math.max(a.peakRssMb, b.peakRssMb),
    peakHeapUsedMb: Math.max(a.peakHeapUsedMb, b.peakHeapUsedMb),
    peakExternalMb: Math.max(a.peakExternalMb, b.peakExternalMb),
    startRssMb: Math.min(a.startRssMb, b.startRssMb),
    startHeapUsedMb: Math.min(a.startHeapUsedMb, b.startHeapUsedMb),
    samples: a.samples + b.samples
  }))
}
