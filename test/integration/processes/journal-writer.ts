// One of several processes writing to one data folder at once (see storage-contention.test.ts): for `seconds`, it
// plans orders and walks each through the journal's read-then-write transitions, as the engine does, with an audit
// entry in the same transaction. Prints one JSON line: how many orders it finished and every error it met.
import { randomUUID } from 'node:crypto'
import { openDatabase } from '../../../src/core/db/open'
import { Storage } from '../../../src/core/db/storage'

const [dataDir, accountId, secondsText, name] = process.argv.slice(2)
const seconds = Number(secondsText)
const storage = new Storage(openDatabase(dataDir!))
const errors: string[] = []
let finished = 0
const until = Date.now() + seconds * 1000
while (Date.now() < until) {
  const id = randomUUID()
  const now = () => new Date().toISOString()
  try {
    storage.orders.insertPlanned(
      [{ id, batchId: id, accountId: accountId!, productId: '123', variantId: null, title: 'PUBG Mobile 60 UC', quantity: 1, unitPrice: '1.05', currency: 'USDT', fields: {}, clientRef: `rd${id.replace(/-/g, '').slice(0, 24)}` }],
      now()
    )
    storage.orders.transition(id, ['planned'], 'submitting', { submitStartedAt: now() }, now())
    storage.orders.transition(id, ['submitting'], 'submitted', { upstreamId: `up-${id}` }, now())
    storage.transaction(() => {
      storage.orders.transition(id, ['submitted'], 'completed', { completedAt: now(), charged: '1.05' }, now())
      storage.audit.append({ at: now(), actor: name!, action: 'test.write', subjectType: 'order', subjectId: id, detail: {} })
    })
    finished++
  } catch (e) {
    errors.push(`${(e as { code?: string }).code ?? ''} ${(e as Error).message}`)
    if (errors.length > 20) break
  }
}
storage.close()
process.stdout.write(JSON.stringify({ name, finished, errors }) + '\n')
