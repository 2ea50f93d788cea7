// Simulators of the upstream APIs, for demo mode, integration tests, the crash test and benchmarks.
export * from './digetalhube'
export * from './aidigitaltools'
export * from './oneclickdz'
export * from './hyper'
export * from './digiseller'
export { FaultInjector, FAULT_KINDS } from './common/faults'
export type { FaultKind, FaultSpec } from './common/faults'
