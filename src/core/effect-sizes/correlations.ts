/**
 * Effect sizes of correlation coefficients ri from samples of size ni, as metafor's escalc:
 *   COR   yi = r,                          vi = (1 − r²)²/(n − 1)
 *   ZCOR  yi = atanh(r) (Fisher's z),      vi = 1/(n − 3)
 * metafor sets vi to NA when n <= 3 for both; such studies are skipped here.
 * Reference: metafor escalc(measure = "COR"/"ZCOR"); Fisher 1921.
 *
 * Example: r = 0.187, n = 109 (dat.molloy2014, Axelsson 2009): ZCOR yi = 0.18922, vi = 1/106.
 */
import { InputError } from '../input-error'
import { checkComputed, missingReason, readPositive, readNumber, type RawEffect, type StudyData } from './escalc-study'

export function correlationEffect(measure: 'COR' | 'ZCOR', study: StudyData): RawEffect {
  const ri = readNumber(study, 'ri')
  const ni = readPositive(study, 'ni')
  if (ri !== undefined && Math.abs(ri) > 1) throw new InputError(`study "${study.id}": ri must be between -1 and 1`)
  if (ri === undefined || ni === undefined) return { skip: missingReason([ri === undefined ? 'ri' : '', ni === undefined ? 'ni' : ''].filter(Boolean)) }
  if (ni <= 3) return { skip: 'the sampling variance cannot be estimated when ni <= 3' }
  const yi = measure === 'COR' ? ri : 0.5 * Math.log((1 + ri) / (1 - ri))
  const vi = measure === 'COR' ? (1 - ri * ri) ** 2 / (ni - 1) : 1 / (ni - 3)
  const reason = checkComputed(yi, vi)
  return reason ? { skip: reason } : { yi, vi, ni, corrected: false }
}
