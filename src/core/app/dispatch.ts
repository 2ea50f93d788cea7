// The one door into the core for every transport (Electron IPC, the test bridge): check the channel exists,
// validate the input against the contract, run the handler, and turn any failure into a plain error value.
import type { z } from 'zod'
import { contract, isChannel, type IpcResult } from '../../shared/contract'
import { toPublicError } from '../errors'
import { describeZodError } from '../validation'
import type { Handlers } from './handlers'

export function validationError(err: z.ZodError): { code: 'VALIDATION'; message: string; fields: Record<string, string> } {
  return { code: 'VALIDATION', ...describeZodError(err) }
}

export async function dispatch(handlers: Handlers, channel: unknown, rawInput: unknown): Promise<IpcResult<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'ResellerDesk does not know that request.' } }
  const parsed = contract[channel].input.safeParse(rawInput ?? {})
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>
    const value = await handler(parsed.data)
    return { ok: true, value }
  } catch (e) {
    return { ok: false, error: toPublicError(e) }
  }
}
