// The vault's errors, in one place so every path says the same thing. Messages never contain key material.
import { AppError } from '../errors'

export function wrongPassphrase(): AppError {
  return new AppError('WRONG_PASSPHRASE', 'That passphrase does not open this vault. Check it and try again; nothing was changed.')
}

export function emptyPassphrase(): AppError {
  return new AppError('VALIDATION', 'Enter a passphrase: an empty one cannot protect the vault.', {
    fields: { passphrase: 'Enter a passphrase.' }
  })
}

export function protectedByKeychain(): AppError {
  return new AppError(
    'VAULT_LOCKED',
    'This vault is protected by the keychain of the computer (and user account) it was created on, not by a passphrase. ' +
      'Open it with ResellerDesk on that computer.'
  )
}

export function protectedByPassphrase(): AppError {
  return new AppError('VAULT_LOCKED', 'This vault is protected by a passphrase. Enter the passphrase to unlock it.')
}

export function keychainCannotOpen(cause?: unknown): AppError {
  return new AppError(
    'VAULT_LOCKED',
    "This computer's keychain could not open the vault. It was probably created on another computer or under another " +
      'user account, or the keychain is locked. Unlock the keychain, or use ResellerDesk where the vault was created.',
    cause === undefined ? undefined : { cause }
  )
}

export function keychainUnavailable(reason: string): AppError {
  return new AppError('UNSUPPORTED', `${reason} Protect the vault with a passphrase instead.`)
}

export function storedKeyDamaged(cause?: unknown): AppError {
  return new AppError(
    'VAULT_CORRUPT',
    'The vault key stored in this data folder is damaged, so the vault cannot be opened. Restore the data folder from a backup.',
    cause === undefined ? undefined : { cause }
  )
}

export function sealedValueDamaged(): AppError {
  return new AppError('VAULT_CORRUPT', 'A stored code could not be decrypted: it was altered or belongs to another record.')
}

export function sealedByNewerVersion(): AppError {
  return new AppError('VAULT_CORRUPT', 'A stored code was written by a newer version of ResellerDesk. Update ResellerDesk to read it.')
}
