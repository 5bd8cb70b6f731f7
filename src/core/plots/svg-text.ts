/**
 * Text handling shared by every SVG generator: XML escaping of caller text, label truncation at a
 * stated character width, a width estimate for laying out columns, and deterministic number
 * formatting (fixed decimals, never locale-dependent, so the same input gives byte-identical SVG).
 *
 * Example: escapeXml('<b> & "x"') === '&lt;b&gt; &amp; &quot;x&quot;'; truncateLabel('Aronson 1948', 8) === 'Aronson…'
 */

// Characters XML 1.0 forbids even when escaped; a label pasted from a PDF can carry them and a
// single one makes the whole document unparseable.
const FORBIDDEN_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

/** Escapes &, <, >, " and ' and drops characters XML 1.0 does not allow; safe in text and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN_XML_CHARACTERS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

/**
 * One line of at most `maxChars` characters (code points): whitespace runs, tabs and newlines become
 * single spaces, and a longer label keeps its first maxChars − 1 characters followed by "…".
 */
export function truncateLabel(text: string, maxChars: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim())
  if (chars.length <= maxChars) return chars.join('')
  return `${chars
    .slice(0, Math.max(maxChars - 1, 0))
    .join('')
    .trimEnd()}…`
}

// Advance widths of DejaVu Sans in em (units/2048), grouped; the fallback fonts are narrower, so
// columns laid out with these widths never overlap.
const NARROW = new Set(Array.from(" .,:;'|!il()[]{}jf/"))
const MEDIUM = new Set(Array.from('rtsJI-−*"`'))
const WIDE = new Set(Array.from('mwMW%@…'))

/** Estimated rendered width in px of `text` in DejaVu Sans at `fontSize` px (bold adds about 8%). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.33
    else if (MEDIUM.has(ch)) em += 0.45
    else if (WIDE.has(ch)) em += 0.95
    else if (ch >= '0' && ch <= '9') em += 0.64
    else if (ch >= 'A' && ch <= 'Z') em += 0.72
    else em += 0.62
  }
  return em * fontSize * (bold ? 1.08 : 1)
}

/** `value` with exactly `decimals` decimals; never "-0.00". */
export function formatFixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals)
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text
}

/** A whole count with thousands separators: 12345 -> "12,345". */
export function formatCount(n: number): string {
  const digits = String(Math.round(Math.abs(n)))
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return n < 0 ? `-${grouped}` : grouped
}

/** A p-value as journals print it: "0.218", "0.003", "< 0.001". */
export function formatPValue(p: number): string {
  return p < 0.001 ? '< 0.001' : formatFixed(p, 3)
}

/** A coordinate for an attribute: at most 2 decimals, no trailing zeros, no "-0". */
export function formatCoordinate(value: number): string {
  const rounded = Math.round(value * 100) / 100
  return Object.is(rounded, -0) ? '0' : String(rounded)
}

/** "95%" for a level given as 0.95. */
export function formatLevel(level: number): string {
  return `${Number((level * 100).toFixed(4))}%`
}

/**
 * Greedy word wrap into lines no wider than `maxWidth` px (by textWidth); a word wider than a whole
 * line is broken between characters. Only ordinary spaces break lines: join words with a no-break
 * space (U+00A0) to keep them together.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = []
  let current = ''
  const fits = (candidate: string): boolean => textWidth(candidate, fontSize, bold) <= maxWidth
  for (const word of text
    .replace(/[ \t\r\n]+/g, ' ')
    .trim()
    .split(' ')) {
    const candidate = current ? `${current} ${word}` : word
    if (fits(candidate)) {
      current = candidate
      continue
    }
    if (current) lines.push(current)
    current = ''
    for (const ch of word) {
      if (current && !fits(current + ch)) {
        lines.push(current)
        current = ''
      }
      current += ch
    }
  }
  if (current || lines.length === 0) lines.push(current)
  return lines
}
