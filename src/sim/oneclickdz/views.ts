// How orders look on the wire, after the docs' examples: checkOrder's HANDLING object is minimal (_id, status,
// quantity, product, type, time) and its final object adds fulfilled_quantity, fulfilled_amount, price_per_card and
// cards; a list item is the whole stored order in the list example's field order, HANDLING ones included (with
// zero fulfilment so far). Both carry `ref` when the order was placed with one [assume: the docs' examples show none].
import type { JsonValue } from '../common/json-text'
import type { OrderState } from './state'

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

/** checkOrder's `data`. */
export function checkOrderView(order: OrderState): JsonValue {
  if (order.status === 'HANDLING') {
    return {
      _id: order.orderId,
      status: order.status,
      quantity: order.quantity,
      product: order.productId,
      type: order.typeId,
      time: iso(order.createdAtMs),
      ref: order.ref ?? undefined
    }
  }
  return {
    _id: order.orderId,
    status: order.status,
    quantity: order.quantity,
    fulfilled_quantity: order.cards.length,
    fulfilled_amount: order.fulfilledAmount ?? order.pricePerCard.times(0),
    price_per_card: order.pricePerCard,
    cards: order.cards.map((c) => ({ value: c.value, serial: c.serial })),
    time: iso(order.createdAtMs),
    product: order.productId,
    type: order.typeId,
    ref: order.ref ?? undefined
  }
}

/** One item of /gift-cards/list. */
export function listItemView(order: OrderState): JsonValue {
  return {
    _id: order.orderId,
    quantity: order.quantity,
    price_per_card: order.pricePerCard,
    time: iso(order.createdAtMs),
    fulfilled_quantity: order.cards.length,
    fulfilled_amount: order.fulfilledAmount ?? order.pricePerCard.times(0),
    cards: order.cards.map((c) => ({ value: c.value, serial: c.serial })),
    status: order.status,
    product: order.productId,
    type: order.typeId,
    ref: order.ref ?? undefined
  }
}
