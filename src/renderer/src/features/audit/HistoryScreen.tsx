// History: the audit log, newest first. Entries of one action on many codes at the same moment (an export marking 25
// codes exported, "Mark sold" on 5) are shown as one line with their count.
import { useEffect, type FormEvent } from 'react'
import type { AuditEntryView } from '../../../../shared/contract'
import { Button } from '../../ui/Button'
import { DataTable } from '../../ui/DataTable'
import { SelectField, TextField } from '../../ui/Field'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { shortId } from '../../format/labels'
import { formatTime, formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { useAccounts } from '../accounts'
import { AUDIT_LIMIT, AUDIT_SUBJECTS, useAudit, type AuditSubject } from './store'
import { openScreen } from '../../state/nav'

/** A line of the table: one entry, or several alike (same moment, person, action and details) on different codes. */
export interface AuditLine {
  first: AuditEntryView
  subjectIds: string[]
}

export function groupEntries(entries: readonly AuditEntryView[]): AuditLine[] {
  const lines: AuditLine[] = []
  let detailKey = ''
  for (const e of entries) {
    const prev = lines[lines.length - 1]
    const key = JSON.stringify(e.detail)
    if (
      prev &&
      e.subjectType === 'code' &&
      prev.first.subjectType === 'code' &&
      prev.first.at === e.at &&
      prev.first.actor === e.actor &&
      prev.first.action === e.action &&
      detailKey === key
    ) {
      if (e.subjectId) prev.subjectIds.push(e.subjectId)
      continue
    }
    lines.push({ first: e, subjectIds: e.subjectId ? [e.subjectId] : [] })
    detailKey = key
  }
  return lines
}

export function HistoryScreen() {
  const s = useAudit()

  useEffect(() => {
    void useAudit.getState().load()
    void useAudit.getState().loadActors()
  }, [])

  const lines = groupEntries(s.list)
  const filtered = Boolean(s.actor || s.subjectType)

  function submit(e: FormEvent) {
    e.preventDefault()
    void s.load()
  }

  return (
    <div className="screen" data-testid="screen-history">
      <ScreenHeader title={t.history.title}>
        <Button onClick={() => void s.load()} testId="history-refresh">
          {t.common.refresh}
        </Button>
      </ScreenHeader>
      <p className="screen-intro muted">{t.history.intro}</p>

      <form className="toolbar" onSubmit={submit} noValidate>
        <SelectField
          label={t.history.who}
          value={s.actor}
          onValue={s.setActor}
          options={[{ value: '', label: t.history.anyone }, ...[...new Set([...s.actors, ...(s.actor ? [s.actor] : [])])].map((a) => ({ value: a, label: a }))]}
          testId="history-actor"
        />
        <SelectField
          label={t.history.what}
          value={s.subjectType}
          onValue={(v) => s.setSubjectType(v as AuditSubject | '')}
          options={[{ value: '', label: t.history.anything }, ...AUDIT_SUBJECTS.map((k) => ({ value: k, label: t.history.subjects[k] }))]}
          testId="history-subject-type"
        />
        {s.subjectType && (
          <>
            <TextField
              label={t.history.subjectId}
              value={s.subjectId}
              onValue={s.setSubjectId}
              placeholder={t.history.subjectIdHint}
              autoComplete="off"
              spellCheck={false}
              testId="history-subject-id"
              fieldClassName="grow"
            />
            <Button type="submit" testId="history-apply">
              {t.history.apply}
            </Button>
          </>
        )}
        {filtered && (
          <Button variant="ghost" onClick={s.clearFilters} testId="history-clear">
            {t.history.clear}
          </Button>
        )}
      </form>

      <DataTable
        status={s.status}
        error={s.error}
        onRetry={() => void s.load()}
        isEmpty={lines.length === 0}
        emptyText={filtered ? t.history.emptyFiltered : t.history.empty}
        emptyTestId="history-empty"
        columns={[{ label: t.history.colWhen }, { label: t.history.colWho }, { label: t.history.colWhat }, { label: t.history.colSubject }, { label: t.history.colDetail }]}
        testId="history-table"
      >
        {lines.map((line, i) => (
          <HistoryRow key={`${line.first.at}|${line.first.action}|${line.first.subjectId ?? ''}|${i}`} line={line} />
        ))}
      </DataTable>
      {s.list.length >= AUDIT_LIMIT && <p className="table-foot muted">{t.history.truncated(AUDIT_LIMIT)}</p>}
    </div>
  )
}

function HistoryRow({ line }: { line: AuditLine }) {
  const e = line.first
  const count = Math.max(1, line.subjectIds.length)
  const describe = t.history.actions[e.action]
  return (
    <tr data-testid="history-row" data-action={e.action} data-actor={e.actor} data-count={count} data-subject-type={e.subjectType} data-subject-id={e.subjectId ?? ''}>
      <td className="nowrap" title={formatTimeFull(e.at)}>
        {formatTime(e.at)}
      </td>
      <td className="strong" data-testid="history-actor-name">
        {e.actor}
      </td>
      <td data-testid="history-what">{describe ? describe(count) : t.history.otherAction(e.action, count)}</td>
      <td>
        <Subject line={line} />
      </td>
      <td className="muted cell-truncate" data-testid="history-detail">
        {detailText(e)}
      </td>
    </tr>
  )
}

function Subject({ line }: { line: AuditLine }) {
  const e = line.first
  const id = e.subjectId
  const accountName = useAccounts((s) => (e.subjectType === 'account' && id ? s.list.find((a) => a.id === id)?.name : undefined))
  const label = e.action === 'orders.place' ? t.history.purchase : t.history.subjectOne[e.subjectType]
  if (line.subjectIds.length > 1) {
    return <span title={line.subjectIds.join('\n')}>{e.subjectType === 'code' ? t.history.codes(line.subjectIds.length) : t.history.subjectMany(line.subjectIds.length, label)}</span>
  }
  if (!id) return <span>{label}</span>
  if (accountName) return <span title={id}>{accountName}</span>
  // Cancels and resolutions name an order; a purchase (orders.place) names its basket, which has no page of its own.
  if (e.subjectType === 'order' && e.action !== 'orders.place') {
    return (
      <button type="button" className="link" title={id} aria-label={t.history.showOrder(id)} onClick={() => openScreen('orders', { orderId: id })}>
        {label} <span className="mono">{shortId(id)}</span>
      </button>
    )
  }
  return (
    <span title={id}>
      {label} <span className="mono">{shortId(id)}</span>
    </span>
  )
}

/** The details people care about, in words; anything we do not know is shown as name: value. */
function detailText(e: AuditEntryView): string {
  const d = e.detail
  const str = (k: string): string | null => (typeof d[k] === 'string' && d[k] !== '' ? (d[k] as string) : null)
  const num = (k: string): number | null => (typeof d[k] === 'number' ? (d[k] as number) : null)
  const parts: string[] = []
  switch (e.action) {
    case 'codes.export':
      parts.push(t.history.dExported(num('count') ?? 0, d['markExported'] === true))
      break
    case 'code.copy': {
      const seconds = num('clearsInSeconds')
      if (seconds !== null) parts.push(t.history.dClears(seconds))
      break
    }
    case 'orders.place': {
      const orders = num('orders')
      if (orders !== null) parts.push(t.history.dOrders(orders))
      break
    }
    case 'markup.set': {
      parts.push(t.history.dMarkup(str('kind') ?? '', str('value') ?? '', str('category')))
      const step = str('roundStep')
      if (step) parts.push(str('roundMode') === 'nearest' ? t.markup.roundNearest(step) : t.markup.roundUp(step))
      break
    }
    case 'account.add':
      if (str('name')) parts.push(str('name')!)
      break
    default: {
      const from = str('from')
      if (from) parts.push(t.history.dFrom(from in t.codeStates ? t.codeStates[from as keyof typeof t.codeStates] : from))
      const reason = str('reason')
      if (reason) parts.push(t.history.dReason(reason))
      if (parts.length === 0) {
        for (const [k, v] of Object.entries(d)) if (v !== null && v !== undefined && typeof v !== 'object') parts.push(`${k}: ${String(v)}`)
      }
    }
  }
  return parts.join(' · ') || t.common.none
}
