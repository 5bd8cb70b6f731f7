/**
 * Forest plot: well-formed accessible SVG, the caller's labels and numbers as text, marks placed at
 * their values on the drawn axis (log and linear), subgroup layout, escaping and invalid input.
 */
import { describe, expect, it } from 'vitest'
import { forestPlot, type ForestPlotInput } from '@/core/plots/forest-plot'
import { bcgOverall, bcgStudies, bcgSubgroups, bcgUngrouped } from './plot-fixtures'
import { axisMap, byClass, expectStandaloneSvg, HOSTILE, num, polygonPoints, type SvgNode, texts } from './svg-test-helpers'

const input: ForestPlotInput = {
  scale: 'log',
  studies: bcgUngrouped,
  summaries: [bcgOverall],
  xLabel: 'Risk ratio (log scale)',
  favours: { left: 'Favours vaccine', right: 'Favours control' },
  estimateHeader: 'Risk ratio [95% CI]',
}

const squareCentre = (n: SvgNode): [number, number] => [num(n, 'x') + num(n, 'width') / 2, num(n, 'y') + num(n, 'height') / 2]

describe('forestPlot', () => {
  const svg = forestPlot(input)
  const root = expectStandaloneSvg(svg)
  const x = axisMap(root, 'x-axis', true)

  it('describes the data in its accessible description', () => {
    const desc = root.children.find((c) => c.name === 'desc')?.text
    expect(desc).toBe('Forest plot of 13 studies; pooled estimate 0.49 (95% CI 0.34 to 0.70), 95% prediction interval 0.15 to 1.55')
  })

  it('shows every label, estimate with its interval, weight and caller text', () => {
    const all = texts(root)
    for (const s of bcgUngrouped) expect(all).toContain(s.label)
    expect(all).toContain('0.41 [0.13, 1.26]')
    expect(all).toContain('1.56 [0.37, 6.53]')
    expect(all).toContain('5.1%')
    expect(all).toContain('10.2%')
    expect(all).toContain('Random-effects model')
    expect(all).toContain('0.49 [0.34, 0.70]')
    expect(all).toContain('100.0%')
    expect(all).toContain('Prediction interval')
    expect(all).toContain('[0.15, 1.55]')
    expect(all).toContain(bcgOverall.heterogeneity)
    for (const t of ['Risk ratio (log scale)', 'Favours vaccine', 'Favours control', 'Risk ratio [95% CI]', 'Study', 'Weight']) expect(all).toContain(t)
  })

  it('labels the log axis 0.05 … 10 and puts the null line at 1', () => {
    expect(byClass(root, 'tick-label').map((n) => n.text)).toEqual(['0.05', '0.1', '0.2', '0.5', '1', '2', '5', '10'])
    const nullLines = byClass(root, 'null-line')
    expect(nullLines.length).toBeGreaterThan(0)
    for (const line of nullLines) expect(num(line, 'x1')).toBeCloseTo(x(1), 1)
  })

  it('centres the diamond on the pooled estimate with its vertices at the confidence limits', () => {
    const [diamond] = byClass(root, 'summary-diamond')
    const points = polygonPoints(diamond as SvgNode)
    expect(points[0]?.[0]).toBeCloseTo(x(bcgOverall.lo), 1)
    expect(points[1]?.[0]).toBeCloseTo(x(bcgOverall.est), 1)
    expect(points[2]?.[0]).toBeCloseTo(x(bcgOverall.hi), 1)
    expect(points[3]?.[0]).toBeCloseTo(x(bcgOverall.est), 1)
  })

  it('places each square at its estimate, with area proportional to weight, and its interval line', () => {
    const squares = byClass(root, 'study-square')
    const lines = byClass(root, 'study-ci')
    expect(squares).toHaveLength(13)
    bcgUngrouped.forEach((s, i) => {
      const square = squares[i] as SvgNode
      expect(squareCentre(square)[0]).toBeCloseTo(x(s.est), 1)
      expect(num(lines[i] as SvgNode, 'x1')).toBeCloseTo(x(s.lo), 1)
      expect(num(lines[i] as SvgNode, 'x2')).toBeCloseTo(x(s.hi), 1)
      expect(num(lines[i] as SvgNode, 'y1')).toBeCloseTo(squareCentre(square)[1], 1)
    })
    const area = (n: SvgNode): number => num(n, 'width') ** 2
    // Madras (10.19%) against Aronson (5.06%); sides are rounded to 0.01 px.
    expect(area(squares[7] as SvgNode) / area(squares[0] as SvgNode)).toBeCloseTo(10.19 / 5.06, 2)
  })

  it('draws the prediction interval on the row below the diamond', () => {
    const [pi] = byClass(root, 'prediction-interval')
    const [diamond] = byClass(root, 'summary-diamond')
    expect(num(pi as SvgNode, 'x1')).toBeCloseTo(x(0.1546), 1)
    expect(num(pi as SvgNode, 'x2')).toBeCloseTo(x(1.549), 1)
    expect(num(pi as SvgNode, 'y1')).toBeGreaterThan(polygonPoints(diamond as SvgNode)[3]?.[1] as number)
  })

  it('is deterministic and grows with the number of studies', () => {
    expect(forestPlot(input)).toBe(svg)
    const fewer = expectStandaloneSvg(forestPlot({ ...input, studies: bcgUngrouped.slice(0, 5) }))
    expect(Number(fewer.attributes.height)).toBe(Number(root.attributes.height) - 8 * 20)
  })

  it('maps a linear axis with the null line at 0', () => {
    const linear = expectStandaloneSvg(
      forestPlot({
        scale: 'linear',
        studies: bcgUngrouped.map((s) => ({ ...s, est: Math.log(s.est), lo: Math.log(s.lo), hi: Math.log(s.hi), weight: null })),
        summaries: [{ label: 'RE', est: -0.7145, lo: -1.0669, hi: -0.3622, kind: 'overall' }],
      }),
    )
    const lx = axisMap(linear, 'x-axis')
    expect(byClass(linear, 'tick-label').map((n) => n.text)).toEqual(['-3', '-2', '-1', '0', '1', '2'])
    expect(num(byClass(linear, 'null-line')[0] as SvgNode, 'x1')).toBeCloseTo(lx(0), 1)
    expect(polygonPoints(byClass(linear, 'summary-diamond')[0] as SvgNode)[1]?.[0]).toBeCloseTo(lx(-0.7145), 1)
    expect(texts(linear)).toContain('-0.89 [-2.01, 0.23]')
    expect(texts(linear)).not.toContain('Weight')
    // Without weights every square has the same side.
    expect(new Set(byClass(linear, 'study-square').map((n) => n.attributes.width)).size).toBe(1)
  })

  it('lists studies under their subgroup headings, each closed by its subgroup diamond', () => {
    const grouped = expectStandaloneSvg(forestPlot({ ...input, studies: bcgStudies, summaries: [...bcgSubgroups, bcgOverall] }))
    const rowY = (label: string): number => num(byClass(grouped, 'row-label').find((n) => n.text === label) as SvgNode, 'y')
    const diamonds = byClass(grouped, 'summary-diamond')
    expect(diamonds.map((d) => d.attributes.class)).toEqual(['summary-diamond subgroup', 'summary-diamond subgroup', 'summary-diamond subgroup', 'summary-diamond overall'])
    const diamondY = (i: number): number => polygonPoints(diamonds[i] as SvgNode)[0]?.[1] as number
    expect(rowY('Random allocation')).toBeLessThan(rowY('Aronson, 1948'))
    expect(rowY('Vandiviere et al, 1973')).toBeLessThan(diamondY(0))
    expect(diamondY(0)).toBeLessThan(rowY('Alternate allocation'))
    expect(rowY('Stein & Aronson, 1953')).toBeLessThan(diamondY(1))
    expect(diamondY(2)).toBeGreaterThan(rowY('Comstock et al, 1976'))
    expect(diamondY(3)).toBeGreaterThan(diamondY(2))
    expect(texts(grouped)).toContain('0.38 [0.22, 0.65]')
    expect(texts(grouped)).toContain('Heterogeneity: I² = 90%')
  })

  it('cuts intervals at xLimits with arrowheads', () => {
    const clipped = expectStandaloneSvg(forestPlot({ ...input, xLimits: [0.1, 5] }))
    expect(byClass(clipped, 'tick-label').map((n) => n.text)).toEqual(['0.1', '0.2', '0.5', '1', '2', '5'])
    // Ferguson (0.086), Rosenthal 1960 (0.073), Vandiviere (0.078) below 0.1; Comstock & Webster (6.5) above 5.
    expect(byClass(clipped, 'clipped-arrow')).toHaveLength(4)
  })

  it('truncates long labels at the stated width and escapes hostile text', () => {
    const long = 'A very long study label that goes on well beyond forty characters'
    const out = forestPlot({
      ...input,
      studies: [
        { label: long, est: 2, lo: 1, hi: 4, weight: 100 },
        { label: HOSTILE, est: 1, lo: 0.5, hi: 2, weight: null },
      ],
      summaries: [],
      xLabel: HOSTILE,
    })
    expect(out).not.toContain('<script>')
    const root2 = expectStandaloneSvg(out)
    const labels = byClass(root2, 'row-label').map((n) => n.text)
    expect(labels[0]).toBe('A very long study label that goes on we…')
    expect(Array.from(labels[0] as string)).toHaveLength(40)
    expect(labels[1]).toBe(HOSTILE)
    expect(texts(root2)).toContain(HOSTILE)
    expect(
      Array.from(byClass(expectStandaloneSvg(forestPlot({ ...input, studies: [{ label: long, est: 2, lo: 1, hi: 4, weight: 1 }], summaries: [], labelMaxChars: 12 })), 'row-label')[0]?.text ?? ''),
    ).toHaveLength(12)
  })

  it('rejects invalid input naming the study and the field', () => {
    const bad =
      (studies: ForestPlotInput['studies'], extra: Partial<ForestPlotInput> = {}): (() => string) =>
      () =>
        forestPlot({ ...input, studies, summaries: [], ...extra })
    expect(bad([{ label: 'Bad', est: Number.NaN, lo: 0.5, hi: 2, weight: 10 }])).toThrow(RangeError)
    expect(bad([{ label: 'Bad', est: Number.NaN, lo: 0.5, hi: 2, weight: 10 }])).toThrow('forest plot: study "Bad": est must be a finite number (got NaN)')
    expect(bad([{ label: 'Flip', est: 1, lo: 2, hi: 0.5, weight: 10 }])).toThrow('study "Flip": lo 2 is greater than hi 0.5')
    expect(bad([{ label: 'Out', est: 3, lo: 0.5, hi: 2, weight: 10 }])).toThrow('study "Out": est 3 lies outside [lo, hi]')
    expect(bad([{ label: 'Neg', est: 1, lo: -1, hi: 2, weight: 10 }])).toThrow('study "Neg": lo must be greater than 0 on a log scale')
    expect(bad([{ label: 'W', est: 1, lo: 0.5, hi: 2, weight: 140 }])).toThrow('study "W": weight must be a percentage')
    expect(bad([])).toThrow('forest plot: needs at least one entry in studies')
    expect(
      bad([
        { label: 'A', est: 1, lo: 0.5, hi: 2, weight: 1, group: 'G' },
        { label: 'B', est: 1, lo: 0.5, hi: 2, weight: 1 },
      ]),
    ).toThrow('study "B": group is missing')
    expect(() => forestPlot({ ...input, summaries: [{ label: 'Sub', est: 1, lo: 0.5, hi: 2, kind: 'subgroup', group: 'Nowhere' }] })).toThrow('summary "Sub": group "Nowhere" matches no study')
    expect(() => forestPlot({ ...input, summaries: [{ ...bcgOverall, pi: [0.6, 0.7] }] })).toThrow('summary "Random-effects model": est 0.4894 lies outside [pi[0], pi[1]]')
    expect(() => forestPlot({ ...input, xLimits: [2, 1] })).toThrow(RangeError)
  })
})
