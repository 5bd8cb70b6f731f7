/**
 * Residual heterogeneity as metafor's rma.uni reports it: QE = Σ(1/vi)(yi − x_i'β_FE)², the
 * χ²(k − p) test, the typical within-study variance vt = (k − p)/tr(P_FE), and
 * I2 = 100·tau2/(vt + tau2), H2 = tau2/vt + 1 (for the FE model I2 = 100·max(0, QE − df)/QE and
 * H2 = QE/df, from Q itself). With k <= p: QE = 0, QEp = 1, I2 = 0, H2 = 1. When a study's vi is 0
 * its weight 1/vi is infinite: QE, I2, H2 and vt are undefined (NaN), as metafor reports them (NA).
 * Reference: Higgins & Thompson 2002 (Stat Med 21:1539); metafor 3.8 rma.uni (i2def = "1").
 *
 * Example: dat.bcg log risk ratios, REML: QE = 152.23, I2 = 92.22 %, H2 = 12.86.
 */
import { InputError } from '../input-error'
import type { DesignMatrix } from './design-matrix'
import { heterogeneityFromQ } from './inverse-variance'
import { ProjectionTraces, weightedLeastSquares } from './weighted-least-squares'

export interface ResidualHeterogeneity {
  QE: number
  QEdf: number
  QEp: number
  I2: number
  H2: number
  vt: number
}

export function residualHeterogeneity(x: DesignMatrix, y: ArrayLike<number>, vi: ArrayLike<number>, tau2: number, commonEffect: boolean): ResidualHeterogeneity {
  const { k, p } = x
  if (k <= p) return { QE: 0, QEdf: k - p, QEp: 1, I2: 0, H2: 1, vt: 0 }
  for (let i = 0; i < k; i++) if (!((vi[i] as number) > 0)) return { QE: Number.NaN, QEdf: k - p, QEp: Number.NaN, I2: Number.NaN, H2: Number.NaN, vt: Number.NaN }
  const w0 = new Float64Array(k)
  for (let i = 0; i < k; i++) w0[i] = 1 / (vi[i] as number)
  const fe = weightedLeastSquares(x, y, w0)
  if (!fe) throw new InputError('the model matrix is not of full rank')
  const fromQ = heterogeneityFromQ(fe.rss, k - p)
  const vt = fromQ.Qdf / new ProjectionTraces(x, w0, fe.xtwxInverse).traceP()
  const I2 = commonEffect ? fromQ.I2 : (100 * tau2) / (vt + tau2)
  const H2 = commonEffect ? fromQ.H2 : tau2 / vt + 1
  return { QE: fromQ.Q, QEdf: fromQ.Qdf, QEp: fromQ.Qp, I2, H2, vt }
}
