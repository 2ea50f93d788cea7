// How products and orders look on the wire (seed 001). Money prints as JavaScript prints numbers (9, 116.5).
// The create reply has `unit_price` and a `delivery` with only `text`; the status reply has no `unit_price` but
// `delivered_at`, `cancel_reason` and `delivery{text, image_url, video_url}`; the cancel reply's order is minimal.
// [assume] `delivery` is null until the order is delivered; `customer_ref` is null when none was sent.
import type { JsonValue } from '../common/json-text'
import type { AccountState, AiDigitalToolsState, OrderState, ProductState } from './state'
import type { SimCustomField } from './types'

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

function fieldView(f: SimCustomField): JsonValue {
  return {
    name: f.name,
    label: f.label,
    type: f.type,
    required: f.required,
    placeholder: f.placeholder ?? null,
    pattern: f.pattern ?? null,
    options: f.type === 'select' ? [...(f.options ?? [])] : undefined
  }
}

/** An entry of GET /products. */
export function listedProductView(state: AiDigitalToolsState, account: AccountState, p: ProductState): JsonValue {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    price: p.price,
    stock: p.stock,
    category_id: p.categoryId,
    auto_deliver: p.autoDeliver,
    your_price: state.yourPrice(account, p),
    your_discount_percent: state.discountFor(account, p)
  }
}

/** GET /products/{id}'s `product`: the seed's fields, with custom_fields. */
export function productView(state: AiDigitalToolsState, account: AccountState, p: ProductState): JsonValue {
  return {
    id: p.id,
    name: p.name,
    price: p.price,
    stock: p.stock,
    custom_fields: p.customFields.map(fieldView),
    your_price: state.yourPrice(account, p),
    your_discount_percent: state.discountFor(account, p)
  }
}

function deliveryText(order: OrderState): string {
  return order.codes.join('\n')
}

/** POST /orders' `order`. */
export function createdOrderView(state: AiDigitalToolsState, order: OrderState): JsonValue {
  const status = state.status(order)
  return {
    id: order.id,
    status,
    product_id: order.productId,
    product_name: order.productName,
    quantity: order.quantity,
    unit_price: order.unitPrice,
    total: order.total,
    customer_ref: order.customerRef,
    created_at: iso(order.createdAtMs),
    delivery: status === 'delivered' ? { text: deliveryText(order) } : null
  }
}

/** GET /orders/{id}'s `order`. */
export function orderView(state: AiDigitalToolsState, order: OrderState): JsonValue {
  const status = state.status(order)
  return {
    id: order.id,
    status,
    product_id: order.productId,
    product_name: order.productName,
    quantity: order.quantity,
    total: order.total,
    customer_ref: order.customerRef,
    created_at: iso(order.createdAtMs),
    delivered_at: status === 'delivered' && order.finalAtMs !== null ? iso(order.finalAtMs) : null,
    cancel_reason: order.cancelReason,
    delivery: status === 'delivered' ? { text: deliveryText(order), image_url: null, video_url: null } : null
  }
}

/** POST /orders/{id}/cancel's minimal `order`. */
export function cancelledOrderView(order: OrderState): JsonValue {
  return { id: order.id, status: 'cancelled', refunded: order.refunded ?? order.total, cancel_reason: order.cancelReason }
}
