// 5. Memory of the process while it runs 1–3 (the stand-in for Electron's main process, which runs this core).
// Peaks come from the sampler (bench/lib/memory.ts): process.memoryUsage() every ~50 ms and at every poke inside the
// benchmarks' loops, plus a worker thread reading the process RSS every 50 ms while the main thread is blocked.
//
// Why absolute bounds here, when every time is a ratio: bytes do not depend on CPU speed, so the same figure means
// the same on a slow CI box and a fast laptop (they do depend a little on the Node/V8 build; the JSON records it).
//  - RSS ≤ 512 MiB: the main process shares a shop's 4–8 GB desktop with the renderer (~150–250 MB), a browser and
//    the till software. The data handled here is small — 100k codes ≈ 10 MB of plaintext and sealed bytes, the 100k
//    catalog ≈ 40 MB as JS objects — and export streams in 2000-row chunks, so 512 MiB leaves room for V8, SQLite's
//    page cache and the native modules while still catching a path that holds every row several times over.
//  - V8 heap used ≤ 256 MiB: half the RSS budget; the JS heap is where "holds all rows at once" shows first (100k
//    row objects plus their strings are ~40–60 MB), and 256 MiB stays far below V8's default old-space limit, so
//    being over means a real regression long before the process would die.
import { mergePeaks, type MemoryPeak } from '../lib/memory'
import { fmt, row, type BenchRow } from '../lib/report'

export const RSS_BOUND_MB = 512
export const HEAP_BOUND_MB = 256

/**
 * `kernelPeakMb`: the kernel's high-water mark for the whole bench process up to the end of 3 (it includes the
 * baselines and the set-up, so it is a cross-check of the sampler, not the figure).
 */
export function memoryRows(phases: { name: string; peak: MemoryPeak }[], kernelPeakMb: number | null): BenchRow[] {
  const all = mergePeaks(phases.map((p) => p.peak))
  const worst = (k: keyof MemoryPeak): string => phases.reduce((a, b) => (b.peak[k] > a.peak[k] ? b : a)).name
  const kernel = kernelPeakMb
  const perPhase = phases.map((p) => ({
    phase: p.name,
    peakRssMb: +p.peak.peakRssMb.toFixed(1),
    peakHeapUsedMb: +p.peak.peakHeapUsedMb.toFixed(1),
    peakExternalMb: +p.peak.peakExternalMb.toFixed(1),
    startRssMb: +p.peak.startRssMb.toFixed(1),
    startHeapUsedMb: +p.peak.startHeapUsedMb.toFixed(1),
    samples: p.peak.samples
  }))
  return [
    row({
      bench: '5 memory',
      name: 'peak RSS during 1–3',
      figure: all.peakRssMb,
      unit: 'MB',
      detail: `in ${worst('peakRssMb')}; ${all.samples} samples${kernel !== null ? `; whole process incl. baselines ${fmt(kernel, 'MB')}` : ''}`,
      bound: RSS_BOUND_MB,
      boundHow:
        `${RSS_BOUND_MB} MiB for the main process (memory does not scale with CPU speed, so an absolute bound reads the same ` +
        `everywhere): room for V8, SQLite and native modules beside a renderer and a browser on a 4–8 GB shop PC, yet far ` +
        `above what streaming 100k codes needs`,
      data: { perPhase, kernelPeakRssMb: kernel }
    }),
    row({
      bench: '5 memory',
      name: 'peak V8 heap used during 1–3',
      figure: all.peakHeapUsedMb,
      unit: 'MB',
      detail: `in ${worst('peakHeapUsedMb')}; external ${fmt(all.peakExternalMb, 'MB')}`,
      bound: HEAP_BOUND_MB,
      boundHow:
        `${HEAP_BOUND_MB} MiB, half the RSS budget: the JS heap is where holding every row at once shows first ` +
        `(100k row objects ≈ 40–60 MB), and it stays far below V8's own limit`,
      data: { perPhase }
    })
  ]
}
