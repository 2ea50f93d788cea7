// The active language. Only English exists yet; picking another is a later step (DESIGN.md §7).
import { en, type Strings } from './en'

export const t: Strings = en
export type { Strings }
