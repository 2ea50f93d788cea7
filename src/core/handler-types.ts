// What a slice's handlers are: one function per channel of its part of the contract, taking the input dispatch has
// already validated. The session assembles every slice's handlers into the one table all front ends call.
import type { Channel, ChannelOutput, ParsedInput } from '../shared/contract'

export type HandlersOf<C extends Channel> = { [K in C]: (input: ParsedInput<K>) => Promise<ChannelOutput<K>> }

/** Every channel of the contract. */
export type Handlers = HandlersOf<Channel>
