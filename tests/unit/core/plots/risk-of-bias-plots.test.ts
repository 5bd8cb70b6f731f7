/**
 * robvis-style traffic-light and summary plots on a QUADAS-2 table: colours and symbols per
 * judgement, the Overall column and the applicability panel, shares per domain (unweighted and
 * weighted), bar segment widths proportional to the shares, escaping and invalid input.
 */
import { describe, expect, it } from 'vitest'
import type { RiskOfBiasInput, RobJudgement } from '@/core/plots/risk-of-bias-judgements'
import { riskOfBiasShares } from '@/core/plots/risk-of-bias-shares'
import { summaryBarPlot } from '@/core/plots/summary-bar-plot'
import { trafficLightPlot } from '@/core/plots/traffic-light-plot'
import { axisMap, byClass, expectStandaloneSvg, HOSTILE, num, type SvgNode, texts } from './svg-test-helpers'

const L = 'low'
const H = 'high'
const U = 'unclear'
const quadas: RiskOfBiasInput = {
  domains: ['Patient selection', 'Index test', 'Reference standard', 'Flow and timing'],
  applicabilityDomains: ['Patient selection', 'Index test', 'Reference standard'],
  studies: [
    { label: 'Adams 2019', judgements: [L, L, L, L], overall: L, applicability: [L, L, L] },
    { label: 'Baker 2020', judgements: [H, L, U, L], overall: H, applicability: [H, L, L] },
    { label: 'Chen 2020', judgements: [L, U, L, null], overall: U, applicability: [L, U, L] },
    { label: 'Diaz 2021', judgements: [U, L, L, L], overall: U, applicability: [L, L, 'no_information'] },
  ],
}

const circleOf = (root: SvgNode, judgement: string): SvgNode[] => byClass(root, 'judgement').filter((n) => n.attributes.class === `judgement ${judgement}`)

describe('trafficLightPlot', () => {
  const root = expectStandaloneSvg(trafficLightPlot(quadas))

  it('draws one circle per judgement in the robvis colours, none for null', () => {
    const gridCircles = byClass(root, 'judgement').filter((n) => Number(n.attributes.r) > 10)
    // 4 studies × (4 domains + Overall + 3 applicability) = 32 cells, one of them not assessed.
    expect(gridCircles).toHaveLength(31)
    expect(new Set(circleOf(root, 'low').map((n) => n.attributes.fill))).toEqual(new Set(['#02C100']))
    expect(new Set(circleOf(root, 'high').map((n) => n.attributes.fill))).toEqual(new Set(['#BF0000']))
    expect(new Set(circleOf(root, 'unclear').map((n) => n.attributes.fill))).toEqual(new Set(['#E2DF07']))
    expect(new Set(circleOf(root, 'no_information').map((n) => n.attributes.fill))).toEqual(new Set(['#4EA1F7']))
  })

  it('puts the symbols inside: + low, − high, ? unclear, none for no information', () => {
    const all = texts(root)
    // 21 low, 3 high and 6 unclear cells plus one key entry each; no symbol for no information.
    expect(all.filter((t) => t === '+')).toHaveLength(22)
    expect(all.filter((t) => t === '−')).toHaveLength(4)
    expect(all.filter((t) => t === '?')).toHaveLength(7)
  })

  it('places each judgement in its study row and domain column', () => {
    const rowY = (label: string): number => num(byClass(root, 'row-label').find((n) => n.text === label) as SvgNode, 'y') - 4
    const colX = (code: string): number => num(byClass(root, 'column-code').find((n) => n.text === code) as SvgNode, 'x')
    const baker = circleOf(root, 'high').find((n) => Math.abs(num(n, 'cy') - rowY('Baker 2020')) < 0.5 && Math.abs(num(n, 'cx') - colX('D1')) < 0.5)
    expect(baker).toBeDefined()
    const diazA3 = circleOf(root, 'no_information').find((n) => Math.abs(num(n, 'cx') - colX('A3')) < 0.5)
    expect(num(diazA3 as SvgNode, 'cy')).toBeCloseTo(rowY('Diaz 2021'), 1)
    expect(colX('Overall')).toBeGreaterThan(colX('D4'))
    expect(colX('A1')).toBeGreaterThan(colX('Overall'))
  })

  it('keys the domains and judgements and describes the table', () => {
    const all = texts(root)
    for (const t of [
      'Risk of bias',
      'Applicability concerns',
      'D1: Patient selection',
      'D4: Flow and timing',
      'A3: Reference standard (applicability)',
      'Low',
      'Unclear',
      'High',
      'No information',
      'Overall',
    ])
      expect(all).toContain(t)
    expect(all).not.toContain('Some concerns')
    expect(root.children.find((c) => c.name === 'desc')?.text).toBe(
      'Traffic-light plot of risk of bias for 4 studies in 4 domains with an overall judgement and 3 applicability domains; judgements: low 21, unclear 6, high 3, no information 1',
    )
  })

  it('leaves out the Overall column and the applicability panel when not given', () => {
    const plain = expectStandaloneSvg(trafficLightPlot({ domains: quadas.domains, studies: quadas.studies.map(({ label, judgements }) => ({ label, judgements })) }))
    const all = texts(plain)
    expect(all).not.toContain('Overall')
    expect(all).not.toContain('Applicability concerns')
    expect(byClass(plain, 'column-code').map((n) => n.text)).toEqual(['D1', 'D2', 'D3', 'D4'])
  })

  it('escapes labels and rejects invalid judgements naming the study and domain', () => {
    const out = trafficLightPlot({ domains: [HOSTILE], studies: [{ label: HOSTILE, judgements: ['some_concerns'] }] })
    expect(out).not.toContain('<script>')
    expect(texts(expectStandaloneSvg(out))).toEqual(expect.arrayContaining([HOSTILE, 'Some concerns']))
    const bad =
      (studies: RiskOfBiasInput['studies'], extra: Partial<RiskOfBiasInput> = {}): (() => string) =>
      () =>
        trafficLightPlot({ domains: ['A', 'B'], studies, ...extra })
    expect(bad([{ label: 'S', judgements: ['low', 'moderate' as RobJudgement] }])).toThrow('traffic-light plot: study "S": judgements[1] (B) must be')
    expect(bad([{ label: 'S', judgements: ['low'] }])).toThrow('study "S": judgements must list 2 judgements')
    expect(bad([{ label: 'S', judgements: ['low', 'low'], applicability: ['low'] }])).toThrow('applicability is given but applicabilityDomains is not')
    expect(bad([{ label: 'S', judgements: ['low', 'low'] }], { applicabilityDomains: ['A'] })).toThrow('study "S": applicability must list 1 judgements')
    expect(bad([])).toThrow(RangeError)
    expect(() => trafficLightPlot({ domains: [], studies: [{ label: 'S', judgements: [] }] })).toThrow('needs at least one entry in domains')
  })
})

describe('riskOfBiasShares', () => {
  it('gives the percentage of assessed studies per judgement, leaving null out', () => {
    const shares = riskOfBiasShares(quadas)
    expect(shares.risk[0]?.percent).toEqual({ low: 50, some_concerns: 0, unclear: 25, high: 25, no_information: 0 })
    expect(shares.risk[3]?.assessed).toBe(3)
    expect(shares.risk[3]?.percent.low).toBe(100)
    expect(shares.overall?.percent).toEqual({ low: 25, some_concerns: 0, unclear: 50, high: 25, no_information: 0 })
    expect(shares.applicability[2]?.percent).toEqual({ low: 75, some_concerns: 0, unclear: 0, high: 0, no_information: 25 })
  })
  it('weights studies when asked', () => {
    const weighted = riskOfBiasShares(
      {
        domains: ['D'],
        studies: [
          { label: 'A', judgements: [L], weight: 3 },
          { label: 'B', judgements: [H], weight: 1 },
        ],
      },
      true,
    )
    expect(weighted.risk[0]?.percent.low).toBe(75)
    expect(weighted.risk[0]?.percent.high).toBe(25)
    expect(() => riskOfBiasShares({ domains: ['D'], studies: [{ label: 'A', judgements: [L] }] }, true)).toThrow('study "A": weight must be a non-negative number')
  })
})

describe('summaryBarPlot', () => {
  const root = expectStandaloneSvg(summaryBarPlot(quadas))
  const x = axisMap(root, 'x-axis')

  it('stacks one bar per domain with segment widths proportional to the shares', () => {
    const segments = byClass(root, 'bar-segment')
    const rowOf = (label: string): SvgNode[] => {
      const y = num(byClass(root, 'row-label').filter((n) => n.text === label)[0] as SvgNode, 'y')
      return segments.filter((s) => Math.abs(num(s, 'y') + 9 - (y - 4)) < 1)
    }
    const patient = rowOf('Patient selection')
    expect(patient.map((s) => s.attributes.class)).toEqual(['bar-segment low', 'bar-segment unclear', 'bar-segment high'])
    const widths = patient.map((s) => num(s, 'width'))
    expect(widths[0]).toBeCloseTo(x(50) - x(0), 1)
    expect(widths[1]).toBeCloseTo(x(25) - x(0), 1)
    expect(num(patient[0] as SvgNode, 'x')).toBeCloseTo(x(0), 1)
    expect(num(patient[2] as SvgNode, 'x') + num(patient[2] as SvgNode, 'width')).toBeCloseTo(x(100), 1)
    expect(patient.map((s) => s.attributes.fill)).toEqual(['#02C100', '#E2DF07', '#BF0000'])
  })

  it('labels bars, percentages, the axis and the legend, with the applicability panel', () => {
    const all = texts(root)
    for (const t of ['Risk of bias', 'Applicability concerns', 'Overall risk of bias', 'Flow and timing', '50%', '25%', '100%', '0%', 'Low', 'Unclear', 'High', 'No information'])
      expect(all).toContain(t)
    expect(byClass(root, 'row-label').map((n) => n.text)).toEqual([
      'Patient selection',
      'Index test',
      'Reference standard',
      'Flow and timing',
      'Overall risk of bias',
      'Patient selection',
      'Index test',
      'Reference standard',
    ])
    expect(root.children.find((c) => c.name === 'desc')?.text).toContain('Patient selection: 50% low, 25% unclear, 25% high, 0% no information')
  })

  it('weights bars by study weight when asked and escapes domain names', () => {
    const out = summaryBarPlot({
      weighted: true,
      domains: [HOSTILE],
      studies: [
        { label: 'A', judgements: [L], weight: 3 },
        { label: 'B', judgements: [H], weight: 1 },
      ],
    })
    expect(out).not.toContain('<script>')
    const r = expectStandaloneSvg(out)
    const rx = axisMap(r, 'x-axis')
    expect(num(byClass(r, 'bar-segment')[0] as SvgNode, 'width')).toBeCloseTo(rx(75) - rx(0), 1)
    expect(texts(r)).toEqual(expect.arrayContaining([HOSTILE, '75%', '25%']))
    expect(texts(r)).not.toContain('Applicability concerns')
  })
})
