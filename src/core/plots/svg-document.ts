/**
 * The standalone SVG 1.1 document every plot returns, and small element builders. Styling uses
 * presentation attributes only (fill, stroke, font-size, text-anchor), which resvg renders when the
 * server converts a plot to PNG; CSS would be ignored there. The document carries role="img" and
 * aria-labelledby pointing at its <title> and <desc>, so screen readers announce a summary of the data.
 *
 * Example: svgDocument({ width: 200, height: 100, idPrefix: 'demo', title: 'Demo', description: 'Empty', body: [] })
 */
import { escapeXml, formatCoordinate } from './svg-text'

export const FONT_FAMILY = 'DejaVu Sans, Liberation Sans, Arial, sans-serif'
/** The one accent colour of Ferrite's plots. */
export const ACCENT = '#195a5e'
export const INK = '#1a1a1a'
export const GREY = '#5f5f5f'
export const LIGHT_GREY = '#d0d0d0'
export const FAINT_GREY = '#ececec'

export type Attributes = Record<string, string | number | undefined>

function serializeAttributes(attributes: Attributes): string {
  let out = ''
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue
    out += ` ${name}="${typeof value === 'number' ? formatCoordinate(value) : escapeXml(value)}"`
  }
  return out
}

/** `<name attrs/>`, or `<name attrs>content</name>` where content is markup built by these helpers. */
export function element(name: string, attributes: Attributes, content?: string): string {
  const open = `<${name}${serializeAttributes(attributes)}`
  return content === undefined ? `${open}/>` : `${open}>${content}</${name}>`
}

/** A <text> element whose content is caller text, escaped. */
export function textElement(x: number, y: number, text: string, attributes: Attributes = {}): string {
  return element('text', { x, y, ...attributes }, escapeXml(text))
}

export function lineElement(x1: number, y1: number, x2: number, y2: number, attributes: Attributes = {}): string {
  return element('line', { x1, y1, x2, y2, stroke: INK, ...attributes })
}

/** The "points" attribute of a polyline or polygon. */
export function pointList(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y]) => `${formatCoordinate(x)},${formatCoordinate(y)}`).join(' ')
}

/** A <title> child, which browsers show as a tooltip: how a point names its study without clutter. */
export function tooltip(text: string): string {
  return `<title>${escapeXml(text)}</title>`
}

/** Letters, digits, '-' and '_' only, starting with a letter, so the ids are valid and unique per plot. */
export function sanitizeIdPrefix(prefix: string): string {
  const cleaned = prefix.replace(/[^A-Za-z0-9_-]/g, '')
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `plot-${cleaned}`
}

export interface SvgDocumentParts {
  width: number
  height: number
  /** Prefix of the title and desc ids, so several plots can sit in one HTML page. */
  idPrefix: string
  title: string
  description: string
  body: readonly string[]
}

/**
 * An SVG document drawn by one of the core's generators from checked data: every label escaped, every
 * number checked. Pages put only these into their HTML (src/components/drawn-figure.tsx), never a string
 * from elsewhere; the brand makes the type checker say so.
 */
export type DrawnSvg = string & { readonly drawnByFerrite: unique symbol }

export function svgDocument(parts: SvgDocumentParts): DrawnSvg {
  const width = Math.ceil(parts.width)
  const height = Math.ceil(parts.height)
  const id = sanitizeIdPrefix(parts.idPrefix)
  const root = serializeAttributes({
    xmlns: 'http://www.w3.org/2000/svg',
    version: '1.1',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`,
    'font-family': FONT_FAMILY,
    'font-size': 12,
    fill: INK,
  })
  return [
    `<svg${root}>`,
    element('title', { id: `${id}-title` }, escapeXml(parts.title)),
    element('desc', { id: `${id}-desc` }, escapeXml(parts.description)),
    element('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }),
    ...parts.body,
    '</svg>',
    '',
  ].join('\n') as DrawnSvg
}
