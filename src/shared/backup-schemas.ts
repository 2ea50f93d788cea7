// Moved to ./contract/backup.ts; this re-export keeps older imports working while they move.
export * from './contract/backup'
