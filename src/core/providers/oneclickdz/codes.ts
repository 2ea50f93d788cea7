// A OneClickDz card is {value, serial}; our vault keeps one text per code. The value is what the customer redeems,
// so it comes first and alone when there is no serial; with a serial the two are joined by " / " (what a shop
// assistant would write on a receipt). splitCardCode undoes it at the last " / ", which is exact as long as the
// serial itself holds no " / " (serials are digits or short tokens), so a CSV export can show them as two columns.

export const CARD_SERIAL_SEPARATOR = ' / '

/** One card as our code text: "value", or "value / serial" when the card has a serial different from its value. */
export function cardCode(value: string, serial: string | null | undefined): string {
  const s = serial?.trim() ?? ''
  return s === '' || s === value ? value : `${value}${CARD_SERIAL_SEPARATOR}${s}`
}

/** Our code text back into the card's two parts. */
export function splitCardCode(code: string): { value: string; serial: string | null } {
  const at = code.lastIndexOf(CARD_SERIAL_SEPARATOR)
  if (at <= 0) return { value: code, serial: null }
  return { value: code.slice(0, at), serial: code.slice(at + CARD_SERIAL_SEPARATOR.length) }
}
