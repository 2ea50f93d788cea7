// `backup create|restore|status|folder` and `recovery-key show|written-down|new`. Secrets come from the environment
// or a file, never from the command line (where other users of the machine can read them in the process list).
import type { Command } from 'commander'
import { existsSync, readFileSync } from 'node:fs'
import { createInterface } from 'node:readline/promises'
import { resolve } from 'node:path'
import { AppError, describeFsError, openCommandDoor, passphraseFromEnv, setBackupFolderOffline, type CommandDoor } from '../../core/app/command-door'
import { actorName, cliShell, defaultDataDir, UsageError, type GlobalOptions } from '../context'
import { Output } from '../output'

export const RECOVERY_KEY_ENV_VAR = 'RESELLERDESK_RECOVERY_KEY'
export const BACKUP_PASSPHRASE_ENV_VAR = 'RESELLERDESK_BACKUP_PASSPHRASE'

type WithDoor = (fn: (d: CommandDoor, out: Output) => Promise<number | void>, shell?: ReturnType<typeof cliShell>) => () => Promise<void>

type DataCounts = { codes: number; orders: number; accounts: number }
type BackupSecret = { recoveryKey: string } | { passphrase: string }

export function registerBackupCommands(program: Command, deps: { globals: () => GlobalOptions & { json: boolean }; withDoor: WithDoor }): void {
  const g = deps.globals
  const backup = program.command('backup').description('backups of the data folder: one file that restores on any computer with the recovery key or passphrase')
  backup
    .command('create')
    .description('back up now: into the backup folder (then keep 7 daily + 4 weekly), or exactly to --to FILE')
    .option('--to <file>', 'write the backup to this file instead (not part of the automatic rotation)')
    .action((o: { to?: string }) => {
      const to = o.to ? resolve(o.to) : undefined
      return deps.withDoor(async (d, out) => {
        if (to && existsSync(to)) throw new UsageError(`${to} already exists; choose a new file name (a backup never overwrites a file).`)
        const made = await d.call('backup.create', {})
        out.result(made, () =>
          [
            `Backed up ${made.counts.codes} code(s), ${made.counts.orders} order(s) and ${made.counts.accounts} account(s) to ${made.file} (${(made.bytes / 1024).toFixed(0)} kB).`,
            ...(made.pruned ? [`Removed ${made.pruned} older backup(s) beyond the 7 daily and 4 weekly kept.`] : []),
            ...(made.pruneSkipped ? [made.pruneSkipped] : [])
          ].join('\n')
        )
        if (made.pruneSkipped && g().json) process.stderr.write(made.pruneSkipped + '\n')
      }, cliShell(to ? { backupTo: to } : {}))()
    })
  backup
    .command('status')
    .description('where backups go and when the last one was made')
    .action(() =>
      deps.withDoor(async (d, out) => {
        const st = await d.call('backup.status', {})
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
    .action((dir: string | undefined, o: { default?: boolean }) => {
      // Writes only backup-state.json and never opens the database or asks for the passphrase: it is the way out when
      // the backup before an update failed (the update cannot run until a backup folder can be written).
      if (!dir && !o.default) throw new UsageError('Give the folder (backup folder DIR), or --default.')
      const out = new Output(g().json)
      const st = setBackupFolderOffline(g().dataDir ?? defaultDataDir(), o.default || !dir ? null : resolve(dir))
      out.result(st, () => `Automatic backups now go to ${st.folder}.`)
    })
  backup
    .command('restore <file>')
    .description(
      `restore a backup into the data folder (the current one is moved aside, never deleted). Opens the backup with the recovery key ` +
        `($${RECOVERY_KEY_ENV_VAR} or --recovery-key-file) or its passphrase ($${BACKUP_PASSPHRASE_ENV_VAR}, else $RESELLERDESK_PASSPHRASE); ` +
        'the restored data is then protected by $RESELLERDESK_PASSPHRASE'
    )
    .option('--recovery-key-file <file>', 'a file holding the recovery key')
    .option('--yes', 'do not ask before replacing data that is there (it is moved aside, never deleted)')
    .action(async (file: string, o: { recoveryKeyFile?: string; yes?: boolean }) => {
      const out = new Output(g().json)
      const local = passphraseFromEnv()
      if (!local) throw new UsageError('Set RESELLERDESK_PASSPHRASE to the passphrase that will protect the restored data on this computer.')
      const secret = backupSecret(o.recoveryKeyFile, local)
      const dataDir = g().dataDir ?? defaultDataDir()
      // The same two steps as Settings → Backups → Restore: the file is chosen (checked: ours, undamaged), then
      // restored with its key. The data folder is not unlocked first: it may be damaged, or belong to another key.
      const d = await openCommandDoor({ mode: 'live', dataDir, passphrase: null, actor: actorName(), shell: { ...cliShell(), chooseBackupFile: async () => resolve(file) }, allowDamaged: true })
      try {
        const chosen = await d.call('backup.chooseFile', {})
        if (chosen.status !== 'chosen') throw new UsageError('Give the backup file to restore.')
        // What would be hidden: the data there now against the backup's, before anything is asked or changed.
        if (chosen.current) {
          const comparison = compareCounts(dataDir, chosen.current, chosen.createdAt, chosen.counts)
          if (!o.yes) {
            if (!process.stdin.isTTY) throw new UsageError(`${comparison}\nNot asking on a non-interactive terminal: add --yes to restore.`)
            process.stderr.write(comparison + '\n')
            if (!(await confirm('Restore? [y/N] '))) {
              process.stderr.write('Nothing was changed.\n')
              return
            }
          } else process.stderr.write(comparison + '\n')
        }
        const r = await d.call('backup.restore', { token: chosen.token, ...secret, newPassphrase: local })
        out.result({ dataDir: r.info.dataDir, movedAside: r.movedAside, createdAt: r.createdAt, counts: r.counts }, () =>
          [
            `Restored the backup of ${r.createdAt.slice(0, 16).replace('T', ' ')} UTC into ${r.info.dataDir}: ${r.counts.codes} code(s), ${r.counts.orders} order(s), ${r.counts.accounts} account(s).`,
            r.movedAside ? `The data that was there is kept in ${r.movedAside}.` : '',
            'It is protected by RESELLERDESK_PASSPHRASE on this computer from now on.'
          ]
            .filter(Boolean)
            .join('\n')
        )
        const words = d.takeNewRecoveryKey()
        if (words) printNewRecoveryKey(words)
      } finally {
        await d.close()
      }
    })

  const recoveryKey = program.command('recovery-key').description('the recovery key that opens backups of this vault on any computer')
  recoveryKey
    .command('show')
    .description('print the recovery key (every showing is in the audit log); `recovery-key written-down` once it is written down')
    .action(() =>
      deps.withDoor(async (d, out) => {
        const words = (await d.call('vault.recoveryKey', {})).recoveryKey
        out.result({ recoveryKey: words }, () => words)
        // Printing is not writing down (a script with --json, a scrolled-away terminal): only the person says so.
        if (!(await d.call('backup.status', {})).recoveryKey.acknowledged) {
          process.stderr.write('When it is written down and kept away from this computer, run `resellerdesk recovery-key written-down`.\n')
        }
      })()
    )
  recoveryKey
    .command('written-down')
    .description('confirm the recovery key is written down and kept safe (the app stops reminding you)')
    .action(() =>
      deps.withDoor(async (d, out) => {
        const st = await d.call('vault.recoveryKeySeen', {})
        out.result(st.recoveryKey, () => 'Noted: the recovery key is written down.')
      })()
    )
  recoveryKey
    .command('new')
    .description('make a new recovery key in place of the old one (backups made before still open with the old key)')
    .action(() =>
      deps.withDoor(async (d, out) => {
        const made = await d.call('vault.newRecoveryKey', {})
        out.result(made, () => [made.recoveryKey, '', made.warning, 'Write the new key down, then run `resellerdesk recovery-key written-down`.'].join('\n'))
      })()
    )
}

function compareCounts(dataDir: string, now: DataCounts, backupAt: string, backup: DataCounts): string {
  const lost = [
    now.codes > backup.codes ? `${now.codes - backup.codes} code(s)` : '',
    now.orders > backup.orders ? `${now.orders - backup.orders} order(s)` : '',
    now.accounts > backup.accounts ? `${now.accounts - backup.accounts} account(s)` : ''
  ].filter(Boolean)
  return [
    `Now in ${dataDir}: ${now.codes} code(s), ${now.orders} order(s), ${now.accounts} account(s).`,
    `In the backup of ${backupAt.slice(0, 16).replace('T', ' ')} UTC: ${backup.codes} code(s), ${backup.orders} order(s), ${backup.accounts} account(s).`,
    lost.length
      ? `After the restore, ${lost.join(', ')} that are there now will not be in ResellerDesk (they stay in the folder moved aside).`
      : 'The data there now is moved aside, not deleted.'
  ].join('\n')
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim())
  } finally {
    rl.close()
  }
}

function backupSecret(recoveryKeyFile: string | undefined, localPassphrase: string): BackupSecret {
  if (recoveryKeyFile) {
    const path = resolve(recoveryKeyFile)
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (cause) {
      throw new AppError('VALIDATION', `The recovery key file ${path} could not be read (${describeFsError(cause)}). Nothing was changed.`, { cause })
    }
    return { recoveryKey: text }
  }
  const fromEnv = process.env[RECOVERY_KEY_ENV_VAR]
  if (fromEnv) return { recoveryKey: fromEnv }
  return { passphrase: process.env[BACKUP_PASSPHRASE_ENV_VAR]?.replace(/[\r\n]+$/, '') || localPassphrase }
}

/**
 * Said on stderr, so scripts reading stdout (and --json) are not disturbed, but a person sees it — and only when a
 * person is there: from cron or CI, stderr goes to a log file, where a recovery key must never be written.
 */
export function printNewRecoveryKey(words: string, stream: { isTTY?: boolean; write(s: string): unknown } = process.stderr): void {
  if (!stream.isTTY) {
    stream.write(
      'A recovery key was made for this vault. It is not printed here (this is not a terminal, and it could end up in a log): ' +
        'run `resellerdesk recovery-key show` in a terminal, write it down, then run `resellerdesk recovery-key written-down`.\n'
    )
    return
  }
  stream.write(
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
