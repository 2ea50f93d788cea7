// What every feature's part of the contract is: channel name → input schema → output schema.
import { z } from 'zod'

export type ChannelTable = Record<string, { input: z.ZodTypeAny; output: z.ZodTypeAny }>

/** A channel that takes nothing (the renderer may send {} or nothing at all). */
export const NoInput = z.object({}).strict().default({})
