/**
 * The plots of an analysis result, drawn with the core's SVG generators: a forest plot (univariate),
 * paired forest and SROC plots (diagnostic accuracy), and a funnel plot with Egger's test (univariate)
 * or Deeks' test (diagnostic accuracy: ln DOR against 1/√ESS).
 */
import { forestPlot } from '../plots/forest-plot'
import { pairedForestPlot } from '../plots/paired-forest-plot'
import { srocPlot } from '../plots/sroc-plot'
import { funnelPlot } from '../plots/funnel-plot'
import type { DrawnSvg } from '../plots/svg-document'
import { analysisScaleLabels, measureLabel, type AnalysisSpec } from './spec'
import type { AnalysisResult } from './run-analysis'

const ratio = (spec: AnalysisSpec) => spec.kind === 'univariate' && (spec.measure === 'RR' || spec.measure === 'OR')

export interface AnalysisPlots {
  forest: DrawnSvg | null
  pairedForest: DrawnSvg | null
  sroc: DrawnSvg | null
  funnel: DrawnSvg | null
}

export function analysisPlots(spec: AnalysisSpec, result: AnalysisResult, title: string): AnalysisPlots {
  const plots: AnalysisPlots = { forest: null, pairedForest: null, sroc: null, funnel: null }
  const u = result.univariate
  if (u) {
    plots.forest = forestPlot({
      title,
      scale: ratio(spec) ? 'log' : 'linear',
      xLabel: `${measureLabel(spec)}${ratio(spec) ? ' (log scale)' : ''}`,
      level: u.level,
      studies: u.studies.map((s) => ({
        label: s.id,
        est: s.transformed.yi,
        lo: s.transformed.ci_lb,
        hi: s.transformed.ci_ub,
        weight: s.weight,
        group: spec.subgroup ? (s.group ?? undefined) : undefined,
      })),
      summaries: [
        ...(u.subgroups ?? []).map((g) => ({ label: `Subgroup ${g.group}`, est: g.transformed.est, lo: g.transformed.ci_lb, hi: g.transformed.ci_ub, kind: 'subgroup' as const, group: g.group })),
        {
          label: `Random effects (${u.method}), k = ${u.k}`,
          est: u.transformed.est,
          lo: u.transformed.ci_lb,
          hi: u.transformed.ci_ub,
          pi: u.method === 'FE' || u.method === 'MH' ? undefined : ([u.transformed.pi_lb, u.transformed.pi_ub] as [number, number]),
          kind: 'overall' as const,
          heterogeneity: `I² = ${u.I2.toFixed(0)}%, τ² = ${u.tau2.toFixed(3)}, Q = ${u.Q.toFixed(2)} (p = ${u.Qp < 0.001 ? '< 0.001' : u.Qp.toFixed(3)})`,
        },
      ],
    })
    if (u.studies.length >= 3)
      plots.funnel = funnelPlot({
        title: `${title}: funnel plot`,
        points: u.studies.map((s) => ({ label: s.id, x: s.yi, y: s.sei })),
        filled: u.trimfill?.filled.yi.map((y, i) => ({ label: `filled ${i + 1}`, x: y, y: Math.sqrt(u.trimfill!.filled.vi[i]!) })),
        center: u.est,
        limits: 'pseudo95',
        test: u.egger ? { name: "Egger's test", statistic: u.egger.statistic, p: u.egger.p, statisticName: u.egger.df === null ? 'z' : 't' } : undefined,
        xLabel: spec.kind === 'dta' ? measureLabel(spec) : analysisScaleLabels[spec.measure],
        yLabel: 'Standard error',
      })
  }
  const d = result.dta
  if (d) {
    const hasSummary = d.sens !== null && d.sens_ci !== null && d.spec !== null && d.spec_ci !== null
    plots.pairedForest = pairedForestPlot({
      studies: d.studies.map((s) => ({
        label: s.id,
        tp: s.tp,
        fp: s.fp,
        fn: s.fn,
        tn: s.tn,
        sens: s.sens,
        sensLo: s.sens_ci[0],
        sensHi: s.sens_ci[1],
        spec: s.spec,
        specLo: s.spec_ci[0],
        specHi: s.spec_ci[1],
      })),
      summary: hasSummary ? { sens: d.sens!, sensLo: d.sens_ci![0], sensHi: d.sens_ci![1], spec: d.spec!, specLo: d.spec_ci![0], specHi: d.spec_ci![1] } : undefined,
      summaryLabel: `Summary (${spec.model === 'glmm' ? 'bivariate GLMM' : spec.model === 'univariate' ? 'separate random effects' : 'bivariate model'})`,
    })
    if (hasSummary && d.confidence_region && d.prediction_region)
      plots.sroc = srocPlot({
        title: `${title}: SROC`,
        studies: d.studies.map((s) => ({ label: s.id, fpr: 1 - s.spec, tpr: s.sens, n: s.tp + s.fp + s.fn + s.tn })),
        summary: { fpr: 1 - d.spec!, tpr: d.sens! },
        confidenceRegion: d.confidence_region.points,
        predictionRegion: d.prediction_region.points,
        curve: d.sroc ?? undefined,
        restrictCurveToObservedFpr: true,
        auc: d.auc ?? undefined,
      })
    if (d.deeks)
      plots.funnel = funnelPlot({
        title: `${title}: Deeks' funnel plot`,
        points: d.studies.map((s) => {
          const c = s.tp * s.fp * s.fn * s.tn === 0 ? 0.5 : 0
          const n1 = s.tp + s.fn
          const n0 = s.fp + s.tn
          return { label: s.id, x: Math.log(((s.tp + c) * (s.tn + c)) / ((s.fp + c) * (s.fn + c))), y: 1 / Math.sqrt((4 * n1 * n0) / (n1 + n0)) }
        }),
        test: { name: "Deeks' test", statistic: d.deeks.t, p: d.deeks.p, statisticName: 't' },
        xLabel: 'Diagnostic odds ratio (ln)',
        yLabel: '1/√ESS',
      })
  }
  return plots
}
