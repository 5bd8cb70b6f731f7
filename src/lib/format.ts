/**
 * Numbers, dates and intervals as every page writes them (British English, as the rest of the text):
 * one place, so a pooled estimate reads the same on the analysis page, the public page and in exports.
 */
const integer = new Intl.NumberFormat('en-GB')
const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' })
const longDay = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })
const moment = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' })
const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' })

/** A count: 1,234. */
export const formatCount = (n: number) => integer.format(n)

/** A number with fixed decimals, or an em dash when it is not finite. */
export const formatNumber = (v: number | null | undefined, digits = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits))

/** A share as a percentage: 0.834 -> "83%" (or with decimals). */
export const formatPercent = (share: number | null | undefined, digits = 0) => (share === null || share === undefined || !Number.isFinite(share) ? '—' : `${(share * 100).toFixed(digits)}%`)

/** An estimate with its interval: "0.79 (0.66 to 0.88)". */
export const formatInterval = (est: number | null | undefined, lo: number | null | undefined, hi: number | null | undefined, digits = 2) =>
  `${formatNumber(est, digits)} (${formatNumber(lo, digits)} to ${formatNumber(hi, digits)})`

/** An interval in words: "0.66 to 0.88". */
export const formatRange = (lo: number | null | undefined, hi: number | null | undefined, digits = 2) => `${formatNumber(lo, digits)} to ${formatNumber(hi, digits)}`

/** An interval alone: "[0.66, 0.88]". */
export const formatBounds = (lo: number | null | undefined, hi: number | null | undefined, digits = 2) => `[${formatNumber(lo, digits)}, ${formatNumber(hi, digits)}]`

/** A date (a day, in UTC: search dates and publication dates are days). */
export const formatDay = (d: Date | string) => day.format(new Date(d))
export const formatLongDay = (d: Date | string) => longDay.format(new Date(d))

/** A moment in the reader's time zone: "5 Dec 2026, 14:03". */
export const formatMoment = (d: Date | string) => moment.format(new Date(d))
export const formatClock = (d: Date | string) => clock.format(new Date(d))

/** A p-value as journals print it. */
export const formatP = (p: number | null | undefined) => (p === null || p === undefined || !Number.isFinite(p) ? '—' : p < 0.001 ? '< 0.001' : p.toFixed(3))

/** A file size as people read it: "820 KB", "12.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
