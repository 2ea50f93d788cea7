// Writes the app's icons from one drawing, so the repository needs no image tool and the icons never drift apart:
//   resources/icon.png     1024×1024, the source electron-builder turns into .ico (Windows), .icns (macOS) and the
//                          Linux icon set (it needs at least 512 px; 1024 gives macOS its Retina 512@2x)
//   resources/tray.png     32×32, derived from the 1024 px image by averaging 32×32 blocks (tray, window icon)
//   resources/tray@2x.png  64×64, the same for HiDPI screens (Electron's nativeImage picks up @2x beside the 1x file)
// The drawing: a teal rounded tile with a white gift card and its stripe. Run: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

const SOURCE = 1024
const SAMPLES = 4 // 4×4 samples per pixel: smooth edges on the big icon
const TEAL = [0x0f, 0x76, 0x6e, 0xff]
const WHITE = [0xff, 0xff, 0xff, 0xff]
const CLEAR = [0, 0, 0, 0]

function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false
  const cx = x < x0 + r ? x0 + r : x > x1 - r ? x1 - r : x
  const cy = y < y0 + r ? y0 + r : y > y1 - r ? y1 - r : y
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}

/** The colour at (u, v) in a 32-unit design space. */
function colourAt(u, v) {
  if (!inRoundedRect(u, v, 0, 0, 32, 32, 7)) return CLEAR
  if (inRoundedRect(u, v, 5, 9, 27, 24, 2.5)) return v >= 13 && v <= 16 ? TEAL : WHITE // the card and its stripe
  return TEAL
}

/** RGBA bytes of the source image, each pixel the average of its samples (premultiplied, then un-premultiplied). */
function renderSource() {
  const px = new Float64Array(SOURCE * SOURCE * 4)
  const unit = 32 / SOURCE
  for (let y = 0; y < SOURCE; y++) {
    for (let x = 0; x < SOURCE; x++) {
      const i = (y * SOURCE + x) * 4
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = colourAt((x + (sx + 0.5) / SAMPLES) * unit, (y + (sy + 0.5) / SAMPLES) * unit)
          const a = c[3] / 255
          px[i] += c[0] * a
          px[i + 1] += c[1] * a
          px[i + 2] += c[2] * a
          px[i + 3] += c[3]
        }
      }
      const n = SAMPLES * SAMPLES
      for (let k = 0; k < 4; k++) px[i + k] /= n
    }
  }
  return px // premultiplied RGB, straight alpha sum
}

/** Averages blocks of the premultiplied source down to `size` px and returns straight RGBA bytes. */
function downsample(src, size) {
  const block = SOURCE / size
  const out = Buffer.alloc(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0]
      for (let by = 0; by < block; by++) {
        for (let bx = 0; bx < block; bx++) {
          const i = ((y * block + by) * SOURCE + (x * block + bx)) * 4
          for (let k = 0; k < 4; k++) acc[k] += src[i + k]
        }
      }
      const n = block * block
      const alpha = acc[3] / n
      const o = (y * size + x) * 4
      for (let k = 0; k < 3; k++) out[o + k] = alpha > 0 ? Math.round(Math.min(255, acc[k] / n / (alpha / 255))) : 0
      out[o + 3] = Math.round(alpha)
    }
  }
  return out
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

function encodePng(rgba, size) {
  const raw = Buffer.alloc(size * (1 + size * 4))
  for (let y = 0; y < size; y++) {
    raw[y * (1 + size * 4)] = 0 // filter: none
    rgba.copy(raw, y * (1 + size * 4) + 1, y * size * 4, (y + 1) * size * 4)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ])
}

const source = renderSource()
for (const [name, size] of [['icon.png', 1024], ['tray.png', 32], ['tray@2x.png', 64]]) {
  const png = encodePng(downsample(source, size), size)
  const out = fileURLToPath(new URL(`../resources/${name}`, import.meta.url))
  writeFileSync(out, png)
  console.log(`wrote ${out} (${size}×${size}, ${png.length} bytes)`)
}
