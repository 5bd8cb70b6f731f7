/**
 * SROC plot on the AUDIT-C bivariate fit: circles at (FPR, TPR) with area proportional to n, the
 * summary point, both regions, the curve restricted to the observed FPR range, legend and errors.
 */
import { describe, expect, it } from 'vitest'
import { clipCurveToFprRange, srocPlot, type SrocPlotInput } from '@/core/plots/sroc-plot'
import { auditcConfidenceRegion, auditcCurve, auditcPredictionRegion, auditcSroc, auditcSummary } from './plot-fixtures'
import { axisMap, byClass, byName, expectStandaloneSvg, HOSTILE, num, polygonPoints, type SvgNode, texts } from './svg-test-helpers'

const input: SrocPlotInput = {
  studies: auditcSroc,
  summary: { fpr: 1 - auditcSummary.spec, tpr: auditcSummary.sens },
  confidenceRegion: auditcConfidenceRegion,
  predictionRegion: auditcPredictionRegion,
  curve: auditcCurve,
  restrictCurveToObservedFpr: true,
  auc: 0.888,
  decimals: 3,
}

describe('srocPlot', () => {
  const root = expectStandaloneSvg(srocPlot(input))
  const x = axisMap(root, 'x-axis')
  const y = axisMap(root, 'y-axis')

  it('has a square plotting region with both axes from 0 to 1', () => {
    const frame = byClass(root, 'frame')[0] as SvgNode
    expect(num(frame, 'width')).toBe(num(frame, 'height'))
    expect(x(1) - x(0)).toBeCloseTo(y(0) - y(1), 6)
    expect(texts(root)).toEqual(expect.arrayContaining(['1 − Specificity', 'Sensitivity']))
  })

  it('puts each study circle at (fpr, tpr) with radius proportional to √n (largest 12 px)', () => {
    const circles = byClass(root, 'study-point')
    expect(circles).toHaveLength(14)
    const maxN = Math.max(...auditcSroc.map((s) => s.n))
    for (const s of auditcSroc) {
      const c = circles.find((n) => n.children[0]?.text.startsWith(`${s.label}:`)) as SvgNode
      expect(num(c, 'cx')).toBeCloseTo(x(s.fpr), 1)
      expect(num(c, 'cy')).toBeCloseTo(y(s.tpr), 1)
      expect(num(c, 'r')).toBeCloseTo(Math.max(2.5, 12 * Math.sqrt(s.n / maxN)), 1)
      expect(c.attributes.fill).toBe('none')
    }
  })

  it('draws the summary point, the solid confidence and dashed prediction regions', () => {
    const summary = byClass(root, 'summary-point')[0] as SvgNode
    expect(num(summary, 'cx')).toBeCloseTo(x(1 - auditcSummary.spec), 1)
    expect(num(summary, 'cy')).toBeCloseTo(y(auditcSummary.sens), 1)
    const confidence = byClass(root, 'confidence-region')[0] as SvgNode
    const prediction = byClass(root, 'prediction-region')[0] as SvgNode
    expect(confidence.attributes['stroke-dasharray']).toBeUndefined()
    expect(prediction.attributes['stroke-dasharray']).toBeDefined()
    const first = polygonPoints(confidence)[0] as [number, number]
    expect(first[0]).toBeCloseTo(x(auditcConfidenceRegion[0]?.[0] as number), 1)
    expect(first[1]).toBeCloseTo(y(auditcConfidenceRegion[0]?.[1] as number), 1)
  })

  it('restricts the SROC curve to the observed FPR range', () => {
    const fprs = auditcSroc.map((s) => s.fpr)
    const xs = polygonPoints(byClass(root, 'sroc-curve')[0] as SvgNode).map((p) => p[0])
    expect(Math.min(...xs)).toBeCloseTo(x(Math.min(...fprs)), 1)
    expect(Math.max(...xs)).toBeCloseTo(x(Math.max(...fprs)), 1)
    const full = expectStandaloneSvg(srocPlot({ ...input, restrictCurveToObservedFpr: false }))
    expect(polygonPoints(byClass(full, 'sroc-curve')[0] as SvgNode)).toHaveLength(99)
  })

  it('shows the legend entries, the summary values and the AUC', () => {
    const all = texts(root)
    for (const t of ['Studies (area ∝ n)', 'Summary point', 'sens 0.891, spec 0.780', 'SROC curve', '95% confidence region', '95% prediction region', 'AUC 0.888']) expect(all).toContain(t)
    expect(root.children.find((c) => c.name === 'desc')?.text).toBe(
      'SROC plot of 14 studies; summary sensitivity 0.891 and specificity 0.780; with 95% confidence region, 95% prediction region, SROC curve; AUC 0.888',
    )
  })

  it('leaves out what is not given and escapes study labels', () => {
    const out = srocPlot({ studies: [{ label: HOSTILE, fpr: 0.2, tpr: 0.8, n: 100 }] })
    expect(out).not.toContain('<script>')
    const r = expectStandaloneSvg(out)
    expect(byClass(r, 'sroc-curve')).toHaveLength(0)
    expect(byClass(r, 'summary-point')).toHaveLength(0)
    expect(byName(r, 'polygon')).toHaveLength(0)
    expect(texts(r)).not.toContain('SROC curve')
    expect(byClass(r, 'study-point')[0]?.children[0]?.text).toBe(`${HOSTILE}: sensitivity 0.80, specificity 0.80, n = 100`)
  })

  it('rejects invalid input naming the study and the field', () => {
    const s = auditcSroc[0] as (typeof auditcSroc)[number]
    expect(() => srocPlot({ studies: [] })).toThrow(RangeError)
    expect(() => srocPlot({ studies: [{ ...s, fpr: 1.2 }] })).toThrow('SROC plot: study "AuditC 01": fpr must lie between 0 and 1 (got 1.2)')
    expect(() => srocPlot({ studies: [{ ...s, n: 0 }] })).toThrow('study "AuditC 01": n must be greater than 0')
    expect(() =>
      srocPlot({
        studies: [s],
        confidenceRegion: [
          [0.1, 0.9],
          [0.2, Number.NaN],
          [0.3, 0.8],
        ],
      }),
    ).toThrow('confidenceRegion point 2: tpr must be a finite number')
    expect(() => srocPlot({ studies: [s], curve: [[0.1, 0.5]] })).toThrow('curve must be a list of at least 2')
  })
})

describe('clipCurveToFprRange', () => {
  it('keeps the points inside and interpolates the ends', () => {
    expect(
      clipCurveToFprRange(
        [
          [0.4, 0.8],
          [0, 0],
          [0.2, 0.6],
        ],
        0.1,
        0.3,
      ),
    ).toEqual([
      [0.1, 0.3],
      [0.2, 0.6],
      [0.3, 0.7],
    ])
  })
})
