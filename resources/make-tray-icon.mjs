// Writes resources/tray.png: a 32×32 RGBA icon (a teal rounded tile with a white gift card and its stripe),
// drawn pixel by pixel and encoded with zlib, so the repository needs no image tool. Run: node resources/make-tray-icon.mjs
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

const SIZE = 32
const TEAL = [0x0f, 0x76, 0x6e, 0xff]
const WHITE = [0xff, 0xff, 0xff, 0xff]
const STRIPE = [0x0f, 0x76, 0x6e, 0xff]
const CLEAR = [0, 0, 0, 0]

function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false
  const cx = x < x0 + r ? x0 + r : x > x1 - r ? x1 - r : x
  const cy = y < y0 + r ? y0 + r : y > y1 - r ? y1 - r : y
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}

function pixel(x, y) {
  const px = x + 0.5
  const py = y + 0.5
  if (!inRoundedRect(px, py, 0, 0, SIZE, SIZE, 7)) return CLEAR
  if (inRoundedRect(px, py, 5, 9, 27, 24, 2.5)) {
    if (py >= 13 && py <= 16) return STRIPE // the card's magnetic stripe
    return WHITE
  }
  return TEAL
}

const raw = Buffer.alloc(SIZE * (1 + SIZE * 4))
for (let y = 0; y < SIZE; y++) {
  const row = y * (1 + SIZE * 4)
  raw[row] = 0 // filter: none
  for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(raw, row + 1 + x * 4)
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

const ihdr = Buffer.alloc(13)
ihdr.writeUInt32BE(SIZE, 0)
ihdr.writeUInt32BE(SIZE, 4)
ihdr[8] = 8 // bit depth
ihdr[9] = 6 // colour type: RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0))
])
const out = fileURLToPath(new URL('./tray.png', import.meta.url))
writeFileSync(out, png)
console.log(`wrote ${out} (${png.length} bytes)`)
