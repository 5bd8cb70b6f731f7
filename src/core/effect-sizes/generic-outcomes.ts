/**
 * Generic outcomes (metafor's measure = "GEN"): yi given with its sampling variance vi, or with
 * its standard error sei (vi = sei²), e.g. log hazard ratios or estimates recovered from CIs.
 * When both are given vi is used, as metafor does. A negative vi leaves the study out with the
 * reason (checkComputed); a negative sei is an input error.
 *
 * Example: { yi: 0.1655, sei: 0.137 } gives vi = 0.018769.
 */
import { checkComputed, missingReason, readNonNegative, readNumber, readPositive, type RawEffect, type StudyData } from './escalc-study'

export function genericEffect(study: StudyData): RawEffect {
  const yi = readNumber(study, 'yi')
  const vi = readNumber(study, 'vi')
  const sei = readNonNegative(study, 'sei')
  const ni = readPositive(study, 'ni')
  const variance = vi ?? (sei === undefined ? undefined : sei * sei)
  if (yi === undefined || variance === undefined) return { skip: missingReason([yi === undefined ? 'yi' : '', variance === undefined ? 'vi (or sei)' : ''].filter(Boolean)) }
  const reason = checkComputed(yi, variance)
  return reason ? { skip: reason } : { yi, vi: variance, ni: ni ?? null, corrected: false }
}
