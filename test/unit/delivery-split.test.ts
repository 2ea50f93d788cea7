// AI Digital Tools delivers an order's items as one `delivery.text`. The rule that splits it (splitDelivery) is
// checked on the seed's own payloads and on the shapes that once went wrong: extra lines stored as codes, and codes
// joined by commas stored as one code (issue 9 item 5).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { splitDelivery } from '../../src/core/providers/aidigitaltools/adapter'

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../contract/fixtures/aidigitaltools', `${name}.json`), 'utf8')) as { order: { quantity: number; delivery: { text: string } } }

describe('splitting an AI Digital Tools delivery', () => {
  it('the seed examples (create reply and order status): one item ordered, the text is that item', () => {
    for (const name of ['create-order', 'order-delivered']) {
      const { order } = fixture(name)
      expect(splitDelivery(order.delivery.text, order.quantity)).toEqual({ items: ['Delivered item content'], whole: false })
    }
  })

  it('one code per line when the lines are exactly the quantity (CRLF, blank lines, stray spaces allowed)', () => {
    expect(splitDelivery('AAAA-1111\r\nBBBB-2222\r\n\r\n  CCCC-3333 \n', 3)).toEqual({ items: ['AAAA-1111', 'BBBB-2222', 'CCCC-3333'], whole: false })
  })

  it('multi-line items separated by blank lines when the blocks are exactly the quantity', () => {
    expect(splitDelivery('login: a\npass: 1\n\nlogin: b\npass: 2', 2)).toEqual({ items: ['login: a\npass: 1', 'login: b\npass: 2'], whole: false })
  })

  it('blank-line blocks of differing shapes are not split (they would merge two codes into one): kept whole and flagged', () => {
    expect(splitDelivery('A\n\nB\nC', 2)).toEqual({ items: ['A\n\nB\nC'], whole: true })
    expect(splitDelivery('login: a\npass: 1\n\nlogin: b', 2)).toEqual({ items: ['login: a\npass: 1\n\nlogin: b'], whole: true })
  })

  it('a multi-line single item stays whole', () => {
    expect(splitDelivery('Email: a@example.com\nPassword: hunter2', 1)).toEqual({ items: ['Email: a@example.com\nPassword: hunter2'], whole: false })
  })

  it('extra lines (a note under the codes) are not turned into codes: kept whole and flagged for a person', () => {
    const text = 'AAAA-1111\nBBBB-2222\nThank you for your order!'
    expect(splitDelivery(text, 2)).toEqual({ items: [text], whole: true })
  })

  it('codes joined by commas are not one code: kept whole and flagged', () => {
    expect(splitDelivery('AAAA-1111, BBBB-2222, CCCC-3333', 3)).toEqual({ items: ['AAAA-1111, BBBB-2222, CCCC-3333'], whole: true })
  })

  it('fewer lines than ordered: kept whole and flagged, never padded or guessed', () => {
    expect(splitDelivery('AAAA-1111\nBBBB-2222', 3)).toEqual({ items: ['AAAA-1111\nBBBB-2222'], whole: true })
  })

  it('nothing delivered: no items', () => {
    expect(splitDelivery(' \r\n ', 2)).toEqual({ items: [], whole: false })
  })
})
