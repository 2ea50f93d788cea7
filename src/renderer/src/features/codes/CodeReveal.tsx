// Shows a code's plain text on request (codes.reveal), and Copy. Copying goes through the main process
// (codes.copy): it writes the OS clipboard and clears it later, so copying never brings the code into the window.
// A revealed text lives only in this component's state and is dropped after 30 s, when focus leaves the control,
// when the window loses focus, or on unmount. In a table row (`inRow`) its controls are not Tab stops: the row is,
// and the arrow keys reach them (CodesScreen).
import { useCallback, useEffect, useRef, useState } from 'react'
import { call } from '../../api'
import { t } from '../../i18n'
import { useNotices } from '../../state/notices'
import { Button } from '../../ui/Button'

const VISIBLE_MS = 30_000

export function CodeReveal({ codeId, masked, inRow = false }: { codeId: string; masked: string; inRow?: boolean }) {
  const control = inRow ? { tabIndex: -1, 'data-row-control': '' } : {}
  const [code, setCode] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [copying, setCopying] = useState(false)
  const boxRef = useRef<HTMLSpanElement>(null)
  const hide = useCallback(() => setCode(null), [])

  useEffect(() => {
    if (code === null) return
    const timer = setTimeout(hide, VISIBLE_MS)
    window.addEventListener('blur', hide)
    return () => {
      clearTimeout(timer)
      window.removeEventListener('blur', hide)
    }
  }, [code, hide])

  async function reveal() {
    setBusy(true)
    try {
      const r = await call('codes.reveal', { codeId })
      setCode(r.code)
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      setBusy(false)
    }
  }

  async function copy() {
    setCopying(true)
    try {
      const r = await call('codes.copy', { codeId })
      useNotices.getState().push('success', t.codes.copied(r.clearsInSeconds))
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      setCopying(false)
    }
  }

  return (
    <span
      ref={boxRef}
      className="reveal"
      data-testid="code-reveal"
      data-code-id={codeId}
      onBlur={(e) => {
        const next = e.relatedTarget
        if (!(next instanceof Node) || !boxRef.current?.contains(next)) hide()
      }}
    >
      {code === null ? (
        <span className="code-masked mono" data-testid="code-masked">
          {masked}
        </span>
      ) : (
        <span className="code-plain mono" data-testid="code-plain" tabIndex={0} title={t.codes.revealHint} {...control}>
          {code}
        </span>
      )}
      {/* The same button toggles, so focus stays inside while the code is shown. */}
      <Button
        size="sm"
        variant="ghost"
        onClick={() => (code === null ? void reveal() : hide())}
        busy={busy}
        busyLabel={t.common.working}
        aria-label={code === null ? t.codes.revealLabel(masked) : undefined}
        testId="code-reveal-toggle"
        {...control}
      >
        {code === null ? t.codes.reveal : t.codes.hide}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => void copy()} busy={copying} busyLabel={t.common.working} aria-label={t.codes.copyLabel(masked)} testId="code-copy" {...control}>
        {t.common.copy}
      </Button>
    </span>
  )
}
