/**
 * Every plot rendered to PNG by resvg with only DejaVu Sans, as the server converts them: the SVG is
 * byte-identical across calls, the PNG has its size, is not blank, and its text is drawn (more ink
 * with the font than without).
 * FERRITE_PLOT_PNG_DIR=/tmp/plots keeps the images for a visual check.
 */
import { describe, expect, it } from 'vitest'
import { forestPlot } from '@/core/plots/forest-plot'
import { funnelPlot } from '@/core/plots/funnel-plot'
import { pairedForestPlot } from '@/core/plots/paired-forest-plot'
import { srocPlot } from '@/core/plots/sroc-plot'
import { summaryBarPlot } from '@/core/plots/summary-bar-plot'
import { trafficLightPlot } from '@/core/plots/traffic-light-plot'
import type { RobJudgement } from '@/core/plots/risk-of-bias-judgements'
import { auditcConfidenceRegion, auditcCurve, auditcPredictionRegion, auditcSroc, auditcStudies, auditcSummary, bcgOverall, bcgStudies, bcgSubgroups, bcgUngrouped } from './plot-fixtures'
import { keepPngIfAsked, renderPng } from './render-png'
import { hasDejaVu, parseSvg } from './svg-test-helpers'

const cycle: RobJudgement[] = ['low', 'high', 'unclear', 'low', 'low', 'no_information', null]
const rob = {
  domains: ['Patient selection', 'Index test', 'Reference standard', 'Flow and timing'],
  applicabilityDomains: ['Patient selection', 'Index test', 'Reference standard'],
  studies: auditcStudies.slice(0, 10).map((s, i) => ({
    label: s.label,
    judgements: [0, 1, 2, 3].map((d) => cycle[(i * 3 + d * 5) % 6] as RobJudgement),
    overall: cycle[(i * 2) % 3] as RobJudgement,
    applicability: [0, 1, 2].map((d) => cycle[(i + d * 4) % 7] as RobJudgement),
  })),
}
const logRr = bcgUngrouped.map((s) => ({ label: s.label, x: Math.log(s.est), y: (Math.log(s.hi) - Math.log(s.lo)) / 3.919927969080108 }))

const plots: Record<string, () => string> = {
  forest: () => forestPlot({ scale: 'log', studies: bcgUngrouped, summaries: [bcgOverall], xLabel: 'Risk ratio (log scale)', favours: { left: 'Favours vaccine', right: 'Favours control' } }),
  'forest-subgroups': () => forestPlot({ scale: 'log', studies: bcgStudies, summaries: [...bcgSubgroups, bcgOverall], xLabel: 'Risk ratio (log scale)', xLimits: [0.1, 5] }),
  'paired-forest': () => pairedForestPlot({ studies: auditcStudies, summary: auditcSummary }),
  sroc: () =>
    srocPlot({
      studies: auditcSroc,
      summary: { fpr: 1 - auditcSummary.spec, tpr: auditcSummary.sens },
      confidenceRegion: auditcConfidenceRegion,
      predictionRegion: auditcPredictionRegion,
      curve: auditcCurve,
      restrictCurveToObservedFpr: true,
      auc: 0.888,
      decimals: 3,
    }),
  funnel: () =>
    funnelPlot({
      points: logRr,
      filled: [{ label: 'Filled', x: 0.3104, y: 0.4722 }],
      center: -0.7145,
      limits: 'pseudo95',
      xLabel: 'Log risk ratio',
      test: { name: "Egger's regression test", statisticName: 'z', statistic: -0.8033, p: 0.4218 },
    }),
  'traffic-light': () => trafficLightPlot(rob),
  'summary-bars': () => summaryBarPlot(rob),
}

describe.skipIf(!hasDejaVu)('plots rendered to PNG with resvg', () => {
  for (const [name, make] of Object.entries(plots)) {
    it(`renders the ${name} plot deterministically at its size, with its text`, () => {
      const svg = make()
      expect(make()).toBe(svg)
      const root = parseSvg(svg)
      const image = renderPng(svg)
      keepPngIfAsked(name, image.png)
      expect(image.png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
      expect(image.width).toBe(Number(root.attributes.width))
      expect(image.height).toBe(Number(root.attributes.height))
      expect(image.ink).toBeGreaterThan(0.02)
      expect(image.ink).toBeLessThan(0.6)
      expect(image.ink).toBeGreaterThan(renderPng(svg, false).ink + 0.005)
    })
  }
})
