import { Worker } from 'node:worker_threads'
const sab = new SharedArrayBuffer(16)
const arr = new Int32Array(sab)
const w = new Worker(`
const { workerData } = require('node:worker_threads')
const a = new Int32Array(workerData.sab)
setInterval(() => { const kb = Math.round(process.memoryUsage.rss() / 1024); if (kb > Atomics.load(a, 0)) Atomics.store(a, 0, kb); Atomics.add(a, 1, 1) }, 50)
`, { eval: true, workerData: { sab } })
w.unref()
await new Promise((r) => setTimeout(r, 200))
const t0 = Date.now(); const big: Buffer[] = []
while (Date.now() - t0 < 500) big.push(Buffer.alloc(1 << 20, 1))
console.log('peak KiB', Atomics.load(arr, 0), 'samples', Atomics.load(arr, 1), 'rss now', process.memoryUsage.rss() >> 10)
