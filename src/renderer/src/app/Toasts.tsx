import { t } from '../i18n'
import { openScreen } from '../state/nav'
import { useNotices, type Notice } from '../state/notices'
import { Button } from '../ui/Button'

export function Toasts() {
  const items = useNotices((s) => s.items)
  const dismiss = useNotices((s) => s.dismiss)
  return (
    <section className="toasts" aria-label={t.notices.region} data-testid="toasts">
      {/* Two live regions: errors interrupt, the rest wait their turn. */}
      <div role="alert" aria-live="assertive" className="toast-stack">
        {items.filter((n) => n.level === 'error').map((n) => (
          <Toast key={n.id} notice={n} onDismiss={dismiss} />
        ))}
      </div>
      <div role="status" aria-live="polite" className="toast-stack">
        {items.filter((n) => n.level !== 'error').map((n) => (
          <Toast key={n.id} notice={n} onDismiss={dismiss} />
        ))}
      </div>
    </section>
  )
}

function Toast({ notice, onDismiss }: { notice: Notice; onDismiss(id: number): void }) {
  const { id, level, message, orderId, topic } = notice
  return (
    <div className={`toast toast-${level}`} data-testid="toast" data-level={level} data-topic={topic}>
      <p className="toast-message">{message}</p>
      <div className="toast-actions">
        {orderId && (
          <Button
            size="sm"
            variant="ghost"
            testId="toast-open-order"
            onClick={() => {
              openScreen('orders', { orderId })
              onDismiss(id)
            }}
          >
            {t.common.openOrder}
          </Button>
        )}
        <Button size="sm" variant="ghost" aria-label={t.common.dismiss} onClick={() => onDismiss(id)} testId="toast-dismiss">
          {t.common.dismissGlyph}
        </Button>
      </div>
    </div>
  )
}
