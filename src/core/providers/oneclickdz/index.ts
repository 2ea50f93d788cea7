export { createOneClickDzAdapter, ONECLICKDZ_CAPABILITIES } from './adapter'
export { cardCode, splitCardCode, CARD_SERIAL_SEPARATOR } from './codes'
