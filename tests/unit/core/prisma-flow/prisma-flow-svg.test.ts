/**
 * The drawn PRISMA 2020 diagram: well-formed accessible SVG, every box's text with "n = " counts and
 * thousands separators, phase labels, arrows that start and end on box edges, escaping, and a PNG
 * rendered by resvg (FERRITE_PLOT_PNG_DIR keeps it for a visual check).
 */
import { describe, expect, it } from 'vitest'
import { prismaFlowSvg } from '@/core/prisma-flow/prisma-flow-svg'
import { keepPngIfAsked, renderPng } from '../plots/render-png'
import { byClass, byName, expectStandaloneSvg, hasDejaVu, HOSTILE, num, parseSvg, polygonPoints, type SvgNode, texts } from '../plots/svg-test-helpers'
import { motivatingReview, updatedReview, withOtherMethods } from './prisma-fixtures'

interface Rect {
  x: number
  y: number
  width: number
  height: number
}

function boxRect(root: SvgNode, id: string): Rect {
  const group = byName(root, 'g').find((g) => g.attributes.id === `prisma-flow-${id}`) as SvgNode
  const rect = byName(group, 'rect')[0] as SvgNode
  return { x: num(rect, 'x'), y: num(rect, 'y'), width: num(rect, 'width'), height: num(rect, 'height') }
}

const onEdge = ([px, py]: [number, number], r: Rect): boolean => {
  const within = (v: number, a: number, b: number): boolean => v >= a - 0.5 && v <= b + 0.5
  const onVertical = (Math.abs(px - r.x) < 0.5 || Math.abs(px - r.x - r.width) < 0.5) && within(py, r.y, r.y + r.height)
  const onHorizontal = (Math.abs(py - r.y) < 0.5 || Math.abs(py - r.y - r.height) < 0.5) && within(px, r.x, r.x + r.width)
  return onVertical || onHorizontal
}

describe('prismaFlowSvg', () => {
  const svg = prismaFlowSvg(withOtherMethods)
  const root = expectStandaloneSvg(svg)

  it('writes every box text with its count and thousands separators', () => {
    const all = texts(root)
    for (const t of [
      'Identification of studies via databases and registers',
      'Identification of studies via other methods',
      'Records identified from:',
      'Databases (n = 1,768)',
      'PubMed (n = 412)',
      'ClinicalTrials.gov (n = 25)',
      'Duplicate records removed (n = 610)',
      'Records screened (n = 1,165)',
      'Records excluded (n = 1,098)',
      'Reports sought for retrieval (n = 67)',
      'Reports not retrieved (n = 3)',
      'Reports assessed for eligibility (n = 64)',
      'Reports excluded (n = 52)',
      'Not an AI index test (n = 17)',
      'Citation searching (n = 9)',
      'Reports excluded (n = 7)',
      'Studies included in review (n = 12)',
      'Reports of included studies (n = 15)',
      'Identification',
      'Screening',
      'Included',
    ])
      expect(all).toContain(t)
    expect(root.children.find((c) => c.name === 'desc')?.text).toBe(
      'PRISMA 2020 flow diagram: 1,793 records identified from 6 databases and 1 registers; 1,165 records screened, 1,098 excluded; 67 reports sought, 3 not retrieved; 64 reports assessed for eligibility; 10 reports assessed from other methods; 12 studies included (15 reports)',
    )
  })

  it('joins the boxes with arrows from edge to edge, ending in arrowheads', () => {
    const arrows = byClass(root, 'arrow')
    expect(arrows).toHaveLength(13)
    const pairs: [string, string][] = [
      ['records-identified', 'records-removed'],
      ['records-identified', 'records-screened'],
      ['reports-assessed', 'studies-included'],
      ['other-reports-assessed', 'studies-included'],
    ]
    for (const [from, to] of pairs) {
      const a = boxRect(root, from)
      const b = boxRect(root, to)
      const match = arrows.find((arrow) => {
        const points = polygonPoints(byName(arrow, 'polyline')[0] as SvgNode)
        return onEdge(points[0] as [number, number], a) && onEdge(points[points.length - 1] as [number, number], b)
      })
      expect(match, `${from} → ${to}`).toBeDefined()
      const tip = polygonPoints(byName(match as SvgNode, 'polygon')[0] as SvgNode)[0] as [number, number]
      expect(onEdge(tip, b)).toBe(true)
    }
  })

  it('keeps side boxes on the same row and the flow going down', () => {
    const identified = boxRect(root, 'records-identified')
    const removed = boxRect(root, 'records-removed')
    const screened = boxRect(root, 'records-screened')
    expect(removed.y).toBe(identified.y)
    expect(removed.x).toBeGreaterThan(identified.x + identified.width)
    expect(screened.y).toBeGreaterThan(identified.y + identified.height)
    expect(boxRect(root, 'other-reports-assessed').y).toBe(boxRect(root, 'reports-assessed').y)
  })

  it('draws the updated-review template with the total box', () => {
    const updated = expectStandaloneSvg(prismaFlowSvg(updatedReview))
    // Wrapped lines follow each other, so joining them with spaces restores each box's text.
    const joined = texts(updated).join(' ')
    for (const t of [
      'Previous studies',
      'Studies included in previous version of review (n = 7)',
      'Reports of studies included in previous version of review (n = 9)',
      'Total studies included in review (n = 17)',
      'Reports of total included studies (n = 21)',
    ])
      expect(joined).toContain(t)
    const previous = boxRect(updated, 'previous-studies')
    const total = boxRect(updated, 'studies-total')
    expect(previous.x + previous.width).toBeLessThan(total.x)
    expect(total.y).toBeGreaterThan(boxRect(updated, 'studies-included').y)
  })

  it('is deterministic, escapes names and sets the id prefix', () => {
    expect(prismaFlowSvg(withOtherMethods)).toBe(svg)
    const hostile = { ...motivatingReview, identification: { ...motivatingReview.identification, databases: [{ name: HOSTILE, n: 1768 }] } }
    const out = prismaFlowSvg(hostile, { idPrefix: 'second' })
    expect(out).not.toContain('<script>')
    const r = parseSvg(out)
    expect(texts(r).join(' ')).toContain('<script>alert(1)</script>')
    expect(r.attributes['aria-labelledby']).toBe('second-title second-desc')
  })

  it('rejects malformed counts', () => {
    expect(() => prismaFlowSvg({ ...motivatingReview, screening: { ...motivatingReview.screening, recordsScreened: Number.NaN } })).toThrow(
      'PRISMA flow diagram: screening.recordsScreened must be a non-negative whole number (got null)',
    )
  })

  it.skipIf(!hasDejaVu)('renders to a PNG of its size with its text', () => {
    for (const [name, counts] of Object.entries({ motivatingReview, withOtherMethods, updatedReview })) {
      const out = prismaFlowSvg(counts)
      const image = renderPng(out)
      keepPngIfAsked(`prisma-${name}`, image.png)
      expect(image.width).toBe(Number(parseSvg(out).attributes.width))
      expect(image.height).toBe(Number(parseSvg(out).attributes.height))
      expect(image.ink).toBeGreaterThan(0.03)
      expect(image.ink).toBeGreaterThan(renderPng(out, false).ink + 0.005)
    }
  })
})
