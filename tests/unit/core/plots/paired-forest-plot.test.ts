/**
 * Paired forest plot of sensitivity and specificity (RevMan's coupled forest plot) on the AUDIT-C
 * studies: table text, squares and diamonds on the two 0-to-1 panels, escaping and invalid input.
 */
import { describe, expect, it } from 'vitest'
import { pairedForestPlot } from '@/core/plots/paired-forest-plot'
import { auditcStudies, auditcSummary } from './plot-fixtures'
import { axisMap, byClass, expectStandaloneSvg, HOSTILE, num, polygonPoints, type SvgNode, texts } from './svg-test-helpers'

describe('pairedForestPlot', () => {
  const svg = pairedForestPlot({ studies: auditcStudies, summary: auditcSummary })
  const root = expectStandaloneSvg(svg)
  const sensX = axisMap(root, 'x-axis', false, 0)
  const specX = axisMap(root, 'x-axis', false, 1)

  it('shows the 2×2 counts with thousands separators and the accuracy with intervals', () => {
    const all = texts(root)
    for (const header of ['Study', 'TP', 'FP', 'FN', 'TN', 'Sensitivity (95% CI)', 'Specificity (95% CI)', 'Sensitivity', 'Specificity', 'Summary']) expect(all).toContain(header)
    expect(byClass(root, 'fp').map((n) => n.text)[7]).toBe('3,226')
    expect(byClass(root, 'tn').map((n) => n.text)[7]).toBe('2,977')
    expect(all).toContain('0.84 [0.72, 0.91]')
    expect(all).toContain('0.89 [0.81, 0.94]')
    expect(all).toContain('0.78 [0.72, 0.83]')
    expect(root.children.find((c) => c.name === 'desc')?.text).toBe(
      'Paired forest plot of sensitivity and specificity for 14 studies; summary sensitivity 0.89 (95% CI 0.81 to 0.94), specificity 0.78 (95% CI 0.72 to 0.83)',
    )
  })

  it('draws both panels on a 0 to 1 axis with squares at the estimates', () => {
    expect(byClass(root, 'tick-label').map((n) => n.text)).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1', '0', '0.2', '0.4', '0.6', '0.8', '1'])
    const sens = byClass(root, 'study-square').filter((n) => n.attributes.class?.includes('sensitivity'))
    const spec = byClass(root, 'study-square').filter((n) => n.attributes.class?.includes('specificity'))
    auditcStudies.forEach((s, i) => {
      expect(num(sens[i] as SvgNode, 'x') + num(sens[i] as SvgNode, 'width') / 2).toBeCloseTo(sensX(s.sens), 1)
      expect(num(spec[i] as SvgNode, 'x') + num(spec[i] as SvgNode, 'width') / 2).toBeCloseTo(specX(s.spec), 1)
    })
    const lines = byClass(root, 'study-ci').filter((n) => n.attributes.class?.includes('specificity'))
    expect(num(lines[2] as SvgNode, 'x1')).toBeCloseTo(specX(auditcStudies[2]?.specLo as number), 1)
  })

  it('draws the summary as diamonds centred on the pooled sensitivity and specificity', () => {
    const [sensDiamond, specDiamond] = byClass(root, 'summary-diamond')
    expect(polygonPoints(sensDiamond as SvgNode)[1]?.[0]).toBeCloseTo(sensX(auditcSummary.sens), 1)
    expect(polygonPoints(sensDiamond as SvgNode)[0]?.[0]).toBeCloseTo(sensX(auditcSummary.sensLo), 1)
    expect(polygonPoints(specDiamond as SvgNode)[1]?.[0]).toBeCloseTo(specX(auditcSummary.spec), 1)
    expect(polygonPoints(specDiamond as SvgNode)[2]?.[0]).toBeCloseTo(specX(auditcSummary.specHi), 1)
  })

  it('omits the summary row when there is none, and escapes labels', () => {
    const out = pairedForestPlot({ studies: [{ ...(auditcStudies[0] as (typeof auditcStudies)[number]), label: HOSTILE }] })
    expect(out).not.toContain('<script>')
    const r = expectStandaloneSvg(out)
    expect(byClass(r, 'summary-diamond')).toHaveLength(0)
    expect(texts(r)).toContain(HOSTILE)
    expect(texts(r)).not.toContain('Summary')
  })

  it('rejects invalid input naming the study and the field', () => {
    const s = auditcStudies[0] as (typeof auditcStudies)[number]
    expect(() => pairedForestPlot({ studies: [] })).toThrow(RangeError)
    expect(() => pairedForestPlot({ studies: [{ ...s, tp: -1 }] })).toThrow('paired forest plot: study "AuditC 01": tp must be a non-negative whole number (got -1)')
    expect(() => pairedForestPlot({ studies: [{ ...s, sens: 1.2 }] })).toThrow('study "AuditC 01": sens must lie between 0 and 1 (got 1.2)')
    expect(() => pairedForestPlot({ studies: [{ ...s, specLo: 0.95 }] })).toThrow('study "AuditC 01": specLo 0.95 is greater than specHi')
    expect(() => pairedForestPlot({ studies: [s], summary: { ...auditcSummary, sens: Number.NaN } })).toThrow('summary: sens must be a finite number (got NaN)')
  })
})
