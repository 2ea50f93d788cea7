import type { Channel, ChannelOutput, ParsedInput } from '../../shared/contract'

/** One function per contract channel, taking the already-validated input. */
export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> }
