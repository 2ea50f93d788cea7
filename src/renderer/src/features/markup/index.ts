// Markup: the rules that make the sell prices. Public surface; import this feature only from here (features/README.md).
export { sameCategory, useMarkup } from './store'
