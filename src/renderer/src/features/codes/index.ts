// Codes: the code inventory, revealing and copying a code, marking and exporting. Public surface; import this feature
// only from here (features/README.md).
export { CodeReveal } from './CodeReveal'
export { CodesScreen } from './CodesScreen'
export { useCodes } from './store'
