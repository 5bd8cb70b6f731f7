/**
 * Brent's root finder exactly as R's `uniroot()` runs it (R_zeroin2 in
 * src/library/stats/src/zeroin.c, after Brent 1973, "Algorithms for Minimization without
 * Derivatives", ch. 4). metafor's Paule–Mandel estimator stops at uniroot's loose default
 * tolerance (1.2e-4), so only the same sequence of steps reproduces its tau2 to 1e-5.
 *
 * Example: zeroin((x) => x * x - 2, 0, 2, -2, 2, 1e-10, 100).root ≈ 1.414214
 */
export interface ZeroinResult {
  root: number
  /** Iterations used; -1 when maxIterations was reached without meeting the tolerance. */
  iterations: number
  /** |c − b| at the end, the bracket width R reports as estim.prec. */
  precision: number
}

export function zeroin(f: (x: number) => number, ax: number, bx: number, fax: number, fbx: number, tolerance: number, maxIterations: number): ZeroinResult {
  let a = ax
  let b = bx
  let fa = fax
  let fb = fbx
  let c = a
  let fc = fa
  let remaining = maxIterations + 1
  if (fa === 0) return { root: a, iterations: 0, precision: 0 }
  if (fb === 0) return { root: b, iterations: 0, precision: 0 }

  while (remaining--) {
    const prevStep = b - a
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b
      b = c
      c = a
      fa = fb
      fb = fc
      fc = fa
    }
    const tolAct = 2 * Number.EPSILON * Math.abs(b) + tolerance / 2
    let newStep = (c - b) / 2
    if (Math.abs(newStep) <= tolAct || fb === 0) {
      return { root: b, iterations: maxIterations + 1 - (remaining + 1), precision: Math.abs(c - b) }
    }
    if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      let p: number
      let q: number
      const cb = c - b
      if (a === c) {
        const t1 = fb / fa
        p = cb * t1
        q = 1 - t1
      } else {
        const qa = fa / fc
        const t1 = fb / fc
        const t2 = fb / fa
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1))
        q = (qa - 1) * (t1 - 1) * (t2 - 1)
      }
      if (p > 0) q = -q
      else p = -p
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((prevStep * q) / 2)) newStep = p / q
    }
    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct
    a = b
    fa = fb
    b += newStep
    fb = f(b)
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a
      fc = fa
    }
  }
  return { root: b, iterations: -1, precision: Math.abs(c - b) }
}
