// The renderer's only door to the core: `window.api` (the preload in Electron, the test bridge's shim in
// Playwright). `call` unwraps the IpcResult: a value, or a thrown UiError whose message is already written
// for people.
import type { Channel, ChannelInput, ChannelOutput, IpcError, IpcResult } from '../../shared/contract'
import { t } from './i18n'

export class UiError extends Error {
  readonly code: string
  readonly fields: Record<string, string>
  constructor(error: IpcError) {
    super(error.message)
    this.name = 'UiError'
    this.code = error.code
    this.fields = error.fields ?? {}
  }
}

export function toUiError(e: unknown): UiError {
  if (e instanceof UiError) return e
  return new UiError({ code: 'INTERNAL', message: t.errors.ipcFailed })
}

type LockListener = () => void
let onVaultLocked: LockListener | null = null
/** The session store registers here, so a VAULT_LOCKED reply anywhere brings back the unlock screen. */
export function setVaultLockedListener(listener: LockListener): void {
  onVaultLocked = listener
}

export function hasBridge(): boolean {
  return typeof window !== 'undefined' && typeof window.api === 'object' && window.api !== null
}

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  if (!hasBridge()) throw new UiError({ code: 'NO_BRIDGE', message: t.errors.noBridge })
  let result: IpcResult<ChannelOutput<C>>
  try {
    result = await window.api.invoke(channel, input)
  } catch {
    throw new UiError({ code: 'IPC_FAILED', message: t.errors.ipcFailed })
  }
  if (result.ok) return result.value
  if (result.error.code === 'VAULT_LOCKED') onVaultLocked?.()
  throw new UiError(result.error)
}
