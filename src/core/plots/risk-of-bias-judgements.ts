/**
 * Risk-of-bias input shared by the traffic-light and summary plots: studies with one judgement per
 * domain, an optional overall judgement and optional applicability judgements (QUADAS-2), and the
 * robvis colours (McGuinness & Higgins, Res Synth Methods 2021;12:55-61) with the symbols of the
 * Cochrane risk-of-bias summary: + low, − high, ? unclear or some concerns, none for no information.
 * A null judgement means "not assessed" and is drawn as an empty cell.
 *
 * Example: validateRiskOfBias({ domains: ['Patient selection'], studies: [{ label: 'A', judgements: ['low'] }] })
 */
import { InputError } from '../input-error'
import { requireLabel, requireNonEmpty, studyOwner } from './plot-input-checks'

export type RobJudgement = 'low' | 'high' | 'unclear' | 'some_concerns' | 'no_information' | null
export type AssessedJudgement = Exclude<RobJudgement, null>

export interface RiskOfBiasStudy {
  label: string
  /** One per domain, in the order of RiskOfBiasInput.domains. */
  judgements: readonly RobJudgement[]
  /** Drawn as an "Overall" column / bar when any study has it. */
  overall?: RobJudgement
  /** One per applicability domain (QUADAS-2: patient selection, index test, reference standard). */
  applicability?: readonly RobJudgement[]
  /** Weight of the study in the weighted summary plot (robvis weighted = TRUE). */
  weight?: number
}

export interface RiskOfBiasInput {
  /** Domain names, e.g. 'Patient selection'; the plots label them D1, D2, ... */
  domains: readonly string[]
  studies: readonly RiskOfBiasStudy[]
  /** Names of the applicability-concern domains; the plots label them A1, A2, ... */
  applicabilityDomains?: readonly string[]
}

export interface JudgementStyle {
  colour: string
  symbol: string
  label: string
  /** Colour of text drawn on the judgement's colour. */
  ink: string
}

export const JUDGEMENT_STYLES: Record<AssessedJudgement, JudgementStyle> = {
  low: { colour: '#02C100', symbol: '+', label: 'Low', ink: '#000000' },
  some_concerns: { colour: '#E2DF07', symbol: '?', label: 'Some concerns', ink: '#000000' },
  unclear: { colour: '#E2DF07', symbol: '?', label: 'Unclear', ink: '#000000' },
  high: { colour: '#BF0000', symbol: '−', label: 'High', ink: '#ffffff' },
  no_information: { colour: '#4EA1F7', symbol: '', label: 'No information', ink: '#000000' },
}

/** Left to right in the summary bars and in the legends, as robvis orders them. */
export const JUDGEMENT_ORDER: readonly AssessedJudgement[] = ['low', 'some_concerns', 'unclear', 'high', 'no_information']

function validJudgement(value: unknown): value is RobJudgement {
  return value === null || (typeof value === 'string' && value in JUDGEMENT_STYLES)
}

/** True when the plots draw an Overall column or bar. */
export function hasOverall(input: RiskOfBiasInput): boolean {
  return input.studies.some((s) => s.overall !== undefined)
}

export function validateRiskOfBias(plot: string, input: RiskOfBiasInput, weighted = false): void {
  requireNonEmpty(plot, input.domains, 'domains')
  input.domains.forEach((d, i) => {
    if (typeof d !== 'string' || d.trim() === '') throw new InputError(`${plot}: domain ${i + 1} must be a non-empty name`)
  })
  requireNonEmpty(plot, input.studies)
  const applicability = input.applicabilityDomains
  if (applicability !== undefined && !Array.isArray(applicability)) throw new InputError(`${plot}: applicabilityDomains must be a list`)
  const allowed = `'low', 'high', 'unclear', 'some_concerns', 'no_information' or null`
  input.studies.forEach((s, i) => {
    const owner = studyOwner(s.label, i)
    requireLabel(plot, owner, s.label)
    const checkList = (list: unknown, names: readonly string[], field: string): void => {
      if (!Array.isArray(list) || list.length !== names.length) throw new InputError(`${plot}: ${owner}: ${field} must list ${names.length} judgements, one per domain`)
      list.forEach((j: unknown, d: number) => {
        if (!validJudgement(j)) throw new InputError(`${plot}: ${owner}: ${field}[${d}] (${names[d]}) must be ${allowed} (got ${JSON.stringify(j)})`)
      })
    }
    checkList(s.judgements, input.domains, 'judgements')
    if (s.overall !== undefined && !validJudgement(s.overall)) throw new InputError(`${plot}: ${owner}: overall must be ${allowed} (got ${JSON.stringify(s.overall)})`)
    if (applicability) checkList(s.applicability, applicability, 'applicability')
    else if (s.applicability !== undefined) throw new InputError(`${plot}: ${owner}: applicability is given but applicabilityDomains is not`)
    if (weighted && (typeof s.weight !== 'number' || !Number.isFinite(s.weight) || s.weight < 0))
      throw new InputError(`${plot}: ${owner}: weight must be a non-negative number for a weighted summary (got ${String(s.weight)})`)
  })
}
