export type { Handlers, HandlersOf } from '../handler-types'
