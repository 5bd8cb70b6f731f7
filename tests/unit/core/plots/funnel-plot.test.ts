/**
 * Funnel plot on the BCG log risk ratios (metafor's dat.bcg): inverted precision axis, centre line,
 * pseudo 95% limits (computed or given), trim-and-fill points, test annotation, log scale, errors.
 */
import { describe, expect, it } from 'vitest'
import { funnelPlot, type FunnelPlotInput } from '@/core/plots/funnel-plot'
import { bcgUngrouped } from './plot-fixtures'
import { axisMap, byClass, expectStandaloneSvg, HOSTILE, num, polygonPoints, type SvgNode, texts } from './svg-test-helpers'

const Z = 1.959963984540054
// (log RR, its standard error) from the BCG risk ratios and their 95% limits.
const points = bcgUngrouped.map((s) => ({ label: s.label, x: Math.log(s.est), y: (Math.log(s.hi) - Math.log(s.lo)) / (2 * Z) }))
const center = -0.7145
const input: FunnelPlotInput = {
  points,
  center,
  limits: 'pseudo95',
  xLabel: 'Log risk ratio',
  test: { name: "Egger's regression test", statisticName: 'z', statistic: -0.8033, p: 0.4218 },
}

describe('funnelPlot', () => {
  const root = expectStandaloneSvg(funnelPlot(input))
  const x = axisMap(root, 'x-axis')
  const y = axisMap(root, 'y-axis')

  it('inverts the precision axis: 0 at the top', () => {
    const labels = byClass(byClass(root, 'y-axis')[0] as SvgNode, 'tick-label')
    expect(labels.map((n) => n.text)).toEqual(['0', '0.2', '0.4', '0.6', '0.8'])
    expect(num(labels[0] as SvgNode, 'y')).toBeLessThan(num(labels[4] as SvgNode, 'y'))
    expect(y(0)).toBeCloseTo(num(byClass(root, 'frame')[0] as SvgNode, 'y'), 6)
  })

  it('puts each study at (x, y), the centre line at the pooled estimate', () => {
    const circles = byClass(root, 'study-point')
    points.forEach((p, i) => {
      expect(num(circles[i] as SvgNode, 'cx')).toBeCloseTo(x(p.x), 1)
      expect(num(circles[i] as SvgNode, 'cy')).toBeCloseTo(y(p.y), 1)
      expect(circles[i]?.children[0]?.text).toBe(p.label)
    })
    const line = byClass(root, 'center-line')[0] as SvgNode
    expect(num(line, 'x1')).toBeCloseTo(x(center), 1)
    expect(num(line, 'x2')).toBeCloseTo(x(center), 1)
  })

  it('draws the pseudo 95% limits as center ± 1.96·y down to the bottom of the axis', () => {
    const lower = polygonPoints(byClass(root, 'lower')[0] as SvgNode)
    const upper = polygonPoints(byClass(root, 'upper')[0] as SvgNode)
    expect(lower[0]?.[0]).toBeCloseTo(x(center), 1)
    expect(lower[0]?.[1]).toBeCloseTo(y(0), 1)
    expect(lower[1]?.[0]).toBeCloseTo(x(center - Z * 0.8), 1)
    expect(upper[1]?.[0]).toBeCloseTo(x(center + Z * 0.8), 1)
    expect(upper[1]?.[1]).toBeCloseTo(y(0.8), 1)
  })

  it('annotates the asymmetry test and describes the plot', () => {
    expect(texts(root)).toContain("Egger's regression test: z = -0.80, p = 0.422")
    expect(texts(root)).toEqual(expect.arrayContaining(['Log risk ratio', 'Standard error']))
    expect(root.children.find((c) => c.name === 'desc')?.text).toBe("Funnel plot of 13 studies; centre line at -0.71; Egger's regression test: z = -0.80, p = 0.422")
    const small = expectStandaloneSvg(funnelPlot({ ...input, test: { name: "Deeks' test", statistic: 3.1, p: 0.0004 } }))
    expect(texts(small)).toContain("Deeks' test: 3.10, p < 0.001")
  })

  it('draws trim-and-fill studies as open circles with a legend', () => {
    const filled = expectStandaloneSvg(funnelPlot({ ...input, filled: [{ label: 'Filled 1', x: 0.3104, y: 0.4722 }] }))
    const open = byClass(filled, 'filled-point')
    expect(open).toHaveLength(1)
    expect(open[0]?.attributes.fill).toBe('#ffffff')
    expect(byClass(filled, 'study-point')[0]?.attributes.fill).not.toBe('#ffffff')
    expect(texts(filled)).toEqual(expect.arrayContaining(['Observed studies', 'Imputed studies (trim and fill)']))
  })

  it('uses a log axis for ratios with limits center·exp(±1.96·y)', () => {
    const ratio = Math.exp(center)
    const log = expectStandaloneSvg(funnelPlot({ scale: 'log', points: points.map((p) => ({ ...p, x: Math.exp(p.x) })), center: ratio, limits: 'pseudo95' }))
    const lx = axisMap(log, 'x-axis', true)
    expect(byClass(byClass(log, 'x-axis')[0] as SvgNode, 'tick-label').map((n) => n.text)).toEqual(['0.1', '0.2', '0.5', '1', '2', '5'])
    const upper = polygonPoints(byClass(log, 'upper')[0] as SvgNode)
    expect(upper[1]?.[0]).toBeCloseTo(lx(ratio * Math.exp(Z * 0.8)), 1)
    expect(num(byClass(log, 'center-line')[0] as SvgNode, 'x1')).toBeCloseTo(lx(ratio), 1)
  })

  it('draws caller-given limit lines as given', () => {
    const limits = [0, 0.4, 0.8].map((s) => ({ y: s, lower: center - Z * Math.sqrt(s * s + 0.31), upper: center + Z * Math.sqrt(s * s + 0.31) }))
    const r = expectStandaloneSvg(funnelPlot({ ...input, limits }))
    const rx = axisMap(r, 'x-axis')
    const ry = axisMap(r, 'y-axis')
    const lower = polygonPoints(byClass(r, 'lower')[0] as SvgNode)
    expect(lower).toHaveLength(3)
    expect(lower[1]?.[0]).toBeCloseTo(rx(limits[1]?.lower as number), 1)
    expect(lower[1]?.[1]).toBeCloseTo(ry(0.4), 1)
  })

  it('escapes labels and rejects invalid input naming the study and the field', () => {
    const out = funnelPlot({ points: [{ label: HOSTILE, x: 0, y: 0.2 }], xLabel: HOSTILE })
    expect(out).not.toContain('<script>')
    expect(texts(expectStandaloneSvg(out))).toContain(HOSTILE)
    expect(() => funnelPlot({ points: [] })).toThrow(RangeError)
    expect(() => funnelPlot({ points: [{ label: 'S', x: 0, y: -0.1 }] })).toThrow('funnel plot: study "S": y must not be negative (got -0.1)')
    expect(() => funnelPlot({ points: [{ label: 'S', x: Number.NaN, y: 0.1 }] })).toThrow('study "S": x must be a finite number (got NaN)')
    expect(() => funnelPlot({ points: [{ label: 'S', x: 0, y: 0.1 }], scale: 'log' })).toThrow('study "S": x must be greater than 0 on a log scale')
    expect(() => funnelPlot({ points: [{ label: 'S', x: 0, y: 0.1 }], limits: 'pseudo95' })).toThrow("limits 'pseudo95' need a center")
    expect(() => funnelPlot({ ...input, test: { name: 't', statistic: 1, p: 2 } })).toThrow('test: p must lie between 0 and 1')
  })
})

describe('axis labels of the analysis plots name the scale drawn', () => {
  it('a funnel plot (drawn on the analysis scale) is labelled with that scale, not the back-transformed measure', async () => {
    const { analysisScaleLabels, measureLabels } = await import('@/core/analysis/spec')
    expect(analysisScaleLabels.PLO).toBe('Logit of the proportion')
    expect(analysisScaleLabels.OR).toBe('Log odds ratio')
    expect(analysisScaleLabels.RR).toBe('Log risk ratio')
    expect(analysisScaleLabels.ZCOR).toBe('Fisher z of the correlation')
    // measures pooled on a transformed scale get a different axis label; the others keep their name
    for (const m of ['PLO', 'OR', 'RR', 'ZCOR', 'PFT'] as const) expect(analysisScaleLabels[m]).not.toBe(measureLabels[m])
    for (const m of ['MD', 'SMD', 'RD', 'PR', 'COR', 'GEN'] as const) expect(analysisScaleLabels[m]).toBe(measureLabels[m])
  })
})
