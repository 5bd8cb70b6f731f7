/**
 * The share of studies per judgement in each domain, in percent, as robvis's rob_summary() stacks
 * them: unweighted (each study counts once) or weighted by the studies' weights (weighted = TRUE).
 * Studies whose judgement is null (not assessed) are left out of that domain's denominator, so the
 * shares of a domain sum to 100 whenever at least one study was assessed in it.
 *
 * Example: riskOfBiasShares({ domains: ['D'], studies: [{ label: 'A', judgements: ['low'] },
 * { label: 'B', judgements: ['high'] }] }).risk[0].percent gives low 50, high 50, the rest 0.
 */
import { type AssessedJudgement, hasOverall, JUDGEMENT_ORDER, type RiskOfBiasInput, type RobJudgement, validateRiskOfBias } from './risk-of-bias-judgements'

export interface DomainShare {
  domain: string
  /** Number of studies with a judgement (not null) in this domain. */
  assessed: number
  /** Percent per judgement; all zero when no study was assessed. */
  percent: Record<AssessedJudgement, number>
}

export interface RiskOfBiasShares {
  risk: DomainShare[]
  overall?: DomainShare
  applicability: DomainShare[]
}

function share(domain: string, judgements: readonly RobJudgement[], weights: readonly number[]): DomainShare {
  const totals = Object.fromEntries(JUDGEMENT_ORDER.map((j) => [j, 0])) as Record<AssessedJudgement, number>
  let sum = 0
  let assessed = 0
  judgements.forEach((j, i) => {
    if (j === null) return
    totals[j] += weights[i] as number
    sum += weights[i] as number
    assessed++
  })
  const percent = Object.fromEntries(JUDGEMENT_ORDER.map((j) => [j, sum > 0 ? (100 * totals[j]) / sum : 0])) as Record<AssessedJudgement, number>
  return { domain, assessed, percent }
}

export function riskOfBiasShares(input: RiskOfBiasInput, weighted = false, plot = 'risk-of-bias summary'): RiskOfBiasShares {
  validateRiskOfBias(plot, input, weighted)
  const weights = input.studies.map((s) => (weighted ? (s.weight as number) : 1))
  const column = (pick: (s: RiskOfBiasInput['studies'][number]) => RobJudgement | undefined): RobJudgement[] => input.studies.map((s) => pick(s) ?? null)
  return {
    risk: input.domains.map((d, i) =>
      share(
        d,
        column((s) => s.judgements[i]),
        weights,
      ),
    ),
    overall: hasOverall(input)
      ? share(
          'Overall',
          column((s) => s.overall),
          weights,
        )
      : undefined,
    applicability: (input.applicabilityDomains ?? []).map((d, i) =>
      share(
        d,
        column((s) => s.applicability?.[i]),
        weights,
      ),
    ),
  }
}
