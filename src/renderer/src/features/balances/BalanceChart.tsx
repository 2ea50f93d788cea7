// One account's balance over time, as a line (uPlot: canvas, small, fast on long histories), with the warning level
// as a dashed horizontal line. Created in an effect, resized with its box, destroyed on unmount.
import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { BalancePoint } from '../../../../shared/contract'
import { t } from '../../i18n'

const HEIGHT = 170
const MIN_WIDTH = 200
/** Few readings are drawn as dots too, so a single reading is visible at all. */
const DOTS_UP_TO = 40

const HOUR_S = 3600
const DAY_S = 24 * HOUR_S
const axisNumber = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 2 })
const axisSeconds = new Intl.DateTimeFormat(t.locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
const axisTime = new Intl.DateTimeFormat(t.locale, { hour: '2-digit', minute: '2-digit' })
const axisDay = new Intl.DateTimeFormat(t.locale, { day: 'numeric', month: 'short' })
const axisDayTime = new Intl.DateTimeFormat(t.locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
const legendTime = new Intl.DateTimeFormat(t.locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })

/** A few evenly spaced times (never on the edges, where a label would be cut), however short or long the span. */
function timeSplits(u: uPlot, _axis: number, min: number, max: number): number[] {
  const count = Math.max(2, Math.min(6, Math.floor(u.bbox.width / devicePixelRatio / 110)))
  return Array.from({ length: count }, (_, i) => min + ((i + 0.5) / count) * (max - min))
}

/** Times on the x axis, as precise as the span needs: seconds over minutes, the day once it spans days. */
function timeLabels(u: uPlot, splits: number[]): string[] {
  const span = (u.scales.x?.max ?? 0) - (u.scales.x?.min ?? 0)
  const format = span <= 15 * 60 ? axisSeconds : span <= DAY_S ? axisTime : span <= 4 * DAY_S ? axisDayTime : axisDay
  return splits.map((s) => format.format(new Date(s * 1000)))
}

/**
 * The chart's columns: time, balance and (when set) the warning level. A single reading is drawn in the middle of an
 * hour, with empty edges so the warning level still shows as a line (uPlot's own x range for one point is years
 * wide when timestamps are in seconds).
 */
function chartData(xs: number[], ys: number[], level: number | null): uPlot.AlignedData {
  const only = xs.length === 1 ? xs[0] : undefined
  const x = only === undefined ? xs : [only - HOUR_S / 2, only, only + HOUR_S / 2]
  const y: (number | null)[] = only === undefined ? ys : [null, ys[0] ?? null, null]
  return level === null ? [x, y] : [x, y, x.map(() => level)]
}

/** A tenth of the span above and below (never below zero when nothing is negative), so lines do not touch the edges. */
function valueRange(_u: uPlot, min: number, max: number): uPlot.Range.MinMax {
  const pad = (max - min) * 0.1 || Math.abs(max) * 0.1 || 1
  const low = min >= 0 && min - pad < 0 ? 0 : min - pad
  return [low, max + pad]
}

interface BalanceChartProps {
  points: readonly BalancePoint[]
  /** The warning level as decimal text, or null when the account has none. */
  threshold: string | null
  /** What the chart shows, for people who cannot see it. */
  label: string
  testId?: string
}

export function BalanceChart({ points, threshold, label, testId }: BalanceChartProps) {
  const boxRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const box = boxRef.current
    if (!box || points.length === 0) return
    // The edge where money becomes a JS number: for drawing only (pixels need numbers). Nothing computed from
    // these goes anywhere else; every amount shown as text comes from the core's decimal strings.
    const xs = points.map((p) => Date.parse(p.at) / 1000)
    const ys = points.map((p) => Number(p.available.amount))
    const level = threshold === null ? null : Number(threshold)
    const data = chartData(xs, ys, level)
    const first = data[0][0] ?? 0
    const last = data[0][data[0].length - 1] ?? first

    const css = getComputedStyle(box)
    const color = (name: string): string => css.getPropertyValue(name).trim()
    const axis: uPlot.Axis = {
      stroke: color('--text-3'),
      grid: { stroke: color('--border'), width: 1 },
      ticks: { stroke: color('--border'), width: 1 },
      font: `11px ${css.fontFamily}`
    }
    // The legend under the chart reads out the point under the cursor.
    const amount = (_u: uPlot, v: number | null): string => (v === null ? t.common.none : axisNumber.format(v))
    const series: uPlot.Series[] = [
      { label: t.balances.chartTime, value: (_u, v) => (v === null ? t.common.none : legendTime.format(new Date(v * 1000))) },
      {
        label: t.balances.chartBalance,
        value: amount,
        stroke: color('--accent'),
        fill: color('--accent-soft'),
        width: 2,
        points: { show: points.length <= DOTS_UP_TO, size: 5 }
      }
    ]
    if (level !== null) series.push({ label: t.balances.chartThreshold, value: amount, stroke: color('--warn'), width: 1.5, dash: [6, 4], points: { show: false } })

    const width = (): number => Math.max(MIN_WIDTH, Math.floor(box.clientWidth))
    const plot = new uPlot(
      {
        width: width(),
        height: HEIGHT,
        legend: { show: true, live: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true, range: () => [first, last] }, y: { range: valueRange } },
        axes: [
          { ...axis, splits: timeSplits, values: timeLabels },
          { ...axis, size: 64, values: (_u, splits) => splits.map((v) => axisNumber.format(v)) }
        ],
        series
      },
      data,
      box
    )
    const resize = new ResizeObserver(() => {
      if (width() !== plot.width) plot.setSize({ width: width(), height: HEIGHT })
    })
    resize.observe(box)
    return () => {
      resize.disconnect()
      plot.destroy()
    }
  }, [points, threshold])

  return <div ref={boxRef} className="chart" role="img" aria-label={label} data-testid={testId} data-points={points.length} />
}
