// `backup create|restore|status|folder` and `recovery-key show`. Secrets come from the environment or a file,
// never from the command line (where other users of the machine can read them in the process list).
import type { Command } from 'commander'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Session } from '../../core/app/session'
import { restoreBackup, type BackupSecret } from '../../core/backup/restore'
import { createPassphraseKeyProvider, passphraseFromEnv } from '../../core/vault/passphrase-provider'
import { defaultDataDir, UsageError, type GlobalOptions } from '../context'
import { Output } from '../output'

export const RECOVERY_KEY_ENV_VAR = 'RESELLERDESK_RECOVERY_KEY'
export const BACKUP_PASSPHRASE_ENV_VAR = 'RESELLERDESK_BACKUP_PASSPHRASE'

type WithSession = (fn: (s: Session, out: Output) => Promise<number | void>) => () => Promise<void>

export function registerBackupCommands(program: Command, deps: { globals: () => GlobalOptions & { json: boolean }; withSession: WithSession }): void {
  const backup = program.command('backup').description('backups of the data folder: one file that restores on any computer with the recovery key or passphrase')
  backup
    .command('create')
    .description('back up now: into the backup folder (then keep 7 daily + 4 weekly), or exactly to --to FILE')
    .option('--to <file>', 'write the backup to this file instead (not part of the automatic rotation)')
    .action((o: { to?: string }) =>
      deps.withSession(async (s, out) => {
        const to = o.to ? resolve(o.to) : undefined
        if (to && existsSync(to)) throw new UsageError(`${to} already exists; choose a new file name (a backup never overwrites a file).`)
        const made = await s.backups.create(to ? { to } : {})
        out.result(made, () =>
          [
            `Backed up ${made.counts.codes} code(s), ${made.counts.orders} order(s) and ${made.counts.accounts} account(s) to ${made.file} (${(made.bytes / 1024).toFixed(0)} kB).`,
            ...(made.pruned.length ? [`Removed ${made.pruned.length} older backup(s) beyond the 7 daily and 4 weekly kept.`] : [])
          ].join('\n')
        )
      })()
    )
  backup
    .command('status')
    .description('where backups go and when the last one was made')
    .action(() =>
      deps.withSession(async (s, out) => {
        const st = s.backups.status()
        out.result(st, () =>
          [
            `Backup folder: ${st.folder}${st.folderIsDefault ? ' (inside the data folder: choose one on another drive with `backup folder DIR`)' : ''}`,
            `Last backup:   ${st.last ? `${st.last.at.slice(0, 16).replace('T', ' ')} UTC  ${st.last.file}` : 'none yet'}`,
            ...(st.lastError ? [`Last failure:  ${st.lastError.at.slice(0, 16).replace('T', ' ')} UTC  ${st.lastError.message}`] : [])
          ].join('\n')
        )
      })()
    )
  backup
    .command('folder [dir]')
    .description('choose the folder for automatic backups (e.g. a USB drive or a synced folder); --default: back to the data folder')
    .option('--default', "use the data folder's own backups folder")
    .action((dir: string | undefined, o: { default?: boolean }) =>
      deps.withSession(async (s, out) => {
        if (!dir && !o.default) throw new UsageError('Give the folder (backup folder DIR), or --default.')
        const st = s.backups.setFolder(o.default ? null : resolve(dir!))
        out.result(st, () => `Automatic backups now go to ${st.folder}.`)
      })()
    )
  backup
    .command('restore <file>')
    .description(
      `restore a backup into the data folder (the current one is moved aside, never deleted). Opens the backup with the recovery key ` +
        `($${RECOVERY_KEY_ENV_VAR} or --recovery-key-file) or its passphrase ($${BACKUP_PASSPHRASE_ENV_VAR}, else $RESELLERDESK_PASSPHRASE); ` +
        'the restored data is then protected by $RESELLERDESK_PASSPHRASE'
    )
    .option('--recovery-key-file <file>', 'a file holding the recovery key')
    .action(async (file: string, o: { recoveryKeyFile?: string }) => {
      const g = deps.globals()
      const out = new Output(g.json)
      const local = passphraseFromEnv()
      if (!local) throw new UsageError('Set RESELLERDESK_PASSPHRASE to the passphrase that will protect the restored data on this computer.')
      const secret = backupSecret(o.recoveryKeyFile, local)
      const dataDir = g.dataDir ?? defaultDataDir()
      const r = await restoreBackup({ file: resolve(file), dataDir, secret, localProvider: createPassphraseKeyProvider(local) })
      out.result({ dataDir: r.dataDir, movedAside: r.movedAside, createdAt: r.header.createdAt, counts: r.header.counts }, () =>
        [
          `Restored the backup of ${r.header.createdAt.slice(0, 16).replace('T', ' ')} UTC into ${r.dataDir}: ${r.header.counts.codes} code(s), ${r.header.counts.orders} order(s), ${r.header.counts.accounts} account(s).`,
          r.movedAside ? `The data that was there is kept in ${r.movedAside}.` : '',
          'It is protected by RESELLERDESK_PASSPHRASE on this computer from now on.'
        ]
          .filter(Boolean)
          .join('\n')
      )
      if (r.newRecoveryKey) printNewRecoveryKey(r.newRecoveryKey)
    })

  program
    .command('recovery-key')
    .description('the recovery key that opens backups of this vault on any computer')
    .command('show')
    .description('print the recovery key (every showing is in the audit log)')
    .action(() =>
      deps.withSession(async (s, out) => {
        const words = s.backups.revealRecoveryKey()
        s.backups.acknowledgeRecoveryKey()
        out.result({ recoveryKey: words }, () => words)
      })()
    )
}

function backupSecret(recoveryKeyFile: string | undefined, localPassphrase: string): BackupSecret {
  if (recoveryKeyFile) {
    const text = readFileSync(resolve(recoveryKeyFile), 'utf8')
    return { recoveryKey: text }
  }
  const fromEnv = process.env[RECOVERY_KEY_ENV_VAR]
  if (fromEnv) return { recoveryKey: fromEnv }
  return { passphrase: process.env[BACKUP_PASSPHRASE_ENV_VAR]?.replace(/[\r\n]+$/, '') || localPassphrase }
}

/** Said on stderr, so scripts reading stdout (and --json) are not disturbed, but a person sees it. */
export function printNewRecoveryKey(words: string): void {
  process.stderr.write(
    [
      '',
      'A recovery key was made for this vault. Write it down or save it somewhere safe, away from this computer:',
      '',
      `    ${words}`,
      '',
      'With it, a backup of this data opens on any computer, even if this one is lost. It is shown only now;',
      'later, `resellerdesk recovery-key show` shows it again to whoever has the passphrase.',
      ''
    ].join('\n') + '\n'
  )
}
