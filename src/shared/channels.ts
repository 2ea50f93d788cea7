// The contract's channel names as plain data, with no schema library attached, so the sandboxed preload (which
// only needs to refuse unknown channels) stays a few kilobytes. A unit test keeps this list equal to the
// contract's keys.
export const CHANNEL_NAMES = [
  'app.info',
  'app.setMode',
  'app.openLogsFolder',
  'vault.unlock',
  'profile.list',
  'profile.select',
  'settings.get',
  'settings.update',
  'accounts.list',
  'accounts.add',
  'accounts.update',
  'accounts.remove',
  'accounts.test',
  'catalog.sync',
  'catalog.search',
  'balances.list',
  'balances.refresh',
  'orders.plan',
  'orders.place',
  'orders.list',
  'orders.get',
  'orders.resolve',
  'orders.cancel',
  'ledger.sync',
  'ledger.list',
  'codes.list',
  'codes.reveal',
  'codes.copy',
  'codes.export',
  'codes.mark',
  'audit.list',
  'balances.history',
  'markup.list',
  'markup.set',
  'markup.remove',
  'catalog.watch',
  'catalog.unwatch',
  'catalog.watches',
  'catalog.status',
  'reconcile.run',
  'backup.status',
  'backup.create',
  'backup.chooseFolder',
  'backup.chooseFile',
  'backup.restore',
  'vault.recoveryKey',
  'vault.recoveryKeySeen',
  'vault.newRecoveryKey'
] as const

export type ChannelName = (typeof CHANNEL_NAMES)[number]

const known: ReadonlySet<string> = new Set(CHANNEL_NAMES)
export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && known.has(name)
}

/** Names of the Electron IPC channels the preload uses. */
export const IPC_INVOKE = 'rd:invoke'
export const IPC_EVENT = 'rd:event'
