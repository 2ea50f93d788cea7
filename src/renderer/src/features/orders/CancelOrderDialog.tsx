// Asks before cancelling an order (orders.cancel), with an optional reason for the journal and the supplier.
import { useState } from 'react'
import type { OrderView } from '../../../../shared/contract'
import { t } from '../../i18n'
import { useOrders } from './store'
import { Button } from '../../ui/Button'
import { Dialog } from '../../ui/Dialog'
import { TextField } from '../../ui/Field'

export function CancelOrderDialog({ order, onClose }: { order: OrderView; onClose(): void }) {
  const cancel = useOrders((s) => s.cancel)
  const busy = useOrders((s) => s.cancelling === order.id)
  const [reason, setReason] = useState('')
  return (
    <Dialog
      title={t.orders.cancelTitle}
      onClose={onClose}
      testId="cancel-order-dialog"
      actions={
        <>
          <Button onClick={onClose} testId="cancel-order-keep" autoFocus>
            {t.orders.cancelKeep}
          </Button>
          <Button variant="danger" busy={busy} busyLabel={t.common.working} onClick={() => void cancel(order.id, reason).then(onClose)} testId="cancel-order-confirm">
            {t.orders.cancelConfirm}
          </Button>
        </>
      }
    >
      <p className="dialog-text">
        <span className="strong">{t.orders.cancelWhat(order.quantity, order.title)}</span>
        {t.buy.separator}
        {order.accountName}
      </p>
      <p className="dialog-text">{order.state === 'planned' ? t.orders.cancelTextPlanned : t.orders.cancelTextUpstream(t.providers[order.kind])}</p>
      <TextField
        label={t.orders.cancelReason}
        optional
        value={reason}
        onValue={setReason}
        maxLength={500}
        autoComplete="off"
        testId="cancel-order-reason"
      />
    </Dialog>
  )
}
