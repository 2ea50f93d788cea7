// How things look on the wire: PascalCase fields inside the lower-case envelope, timestamps as the seed prints them
// ("yyyy-MM-ddTHH:mm:ssZ"), money as bare decimal numbers with two places (42.90).
import type { JsonValue } from '../common/json-text'
import type { AccountState, LineState, ProductState } from './state'
import type { HyperSimCategory, HyperSimType } from './types'

/** "2026-03-25T12:00:00Z": whole seconds, UTC. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

export function categoryView(c: HyperSimCategory): JsonValue {
  return { ID: c.id, Name: c.name, ParentID: c.parentId }
}

export function typeView(t: HyperSimType): JsonValue {
  return { ID: t.id, Name: t.name, CategoryID: t.categoryId }
}

export function productView(p: ProductState): JsonValue {
  return {
    ID: p.id,
    Name: p.name,
    CategoryID: p.categoryId,
    TypeID: p.typeId,
    Description: p.description,
    Price: p.price,
    Stock: p.stock,
    IsActive: p.active,
    RequireData: p.requireData.map((r) => ({
      ProductRequireID: r.id,
      Identifier: r.identifier,
      Name: r.name,
      IsRequired: r.required,
      Regex: r.regex
    }))
  }
}

/** Get Order Detail's data, also one row of List Orders. DeliveryData only once delivered. */
export function orderDetailView(line: LineState): JsonValue {
  return {
    OrderID: line.orderId,
    OrderDetailID: line.orderDetailId,
    DeliverID: line.deliverId,
    CustomerStoreProductID: line.productId,
    ProductName: line.productName,
    Quantity: line.quantity,
    Price: line.unitPrice,
    Status: line.status,
    DeliveryData: line.status === 1 ? [...line.codes] : null,
    DeliveryNote: line.notes === null ? null : [...line.notes],
    CreatedDate: isoSeconds(line.createdAtMs),
    DeliveryDate: line.settledAtMs === null ? null : isoSeconds(line.settledAtMs)
  }
}

/** The Order Delivery Webhook body. */
export function webhookView(line: LineState): JsonValue {
  return {
    DeliverID: line.deliverId,
    OrderDetailID: line.orderDetailId,
    Status: line.status,
    DeliveryData: line.status === 1 ? [...line.codes] : null,
    DeliveryNote: line.notes === null ? null : [...line.notes]
  }
}

export function accountView(a: AccountState): JsonValue {
  return { Email: a.email, Balance: a.balance, Currency: a.currency, CreditLimit: a.creditLimit }
}
