import { InputError } from '../input-error'

// Gauss–Kronrod 7–15 nodes (positive half, centre first) and weights, from QUADPACK's qk15.
const xgk = [
  0, 0.207784955007898467600689403773245, 0.405845151377397166906606412076961, 0.586087235467691130294144845693013, 0.741531185599394439863864773280788, 0.864864423359769072789712788640926,
  0.949107912342758524526189684047851, 0.991455371120812639206854697526329,
]
const wgk = [
  0.209482141084727828012999174891714, 0.204432940075298892414161999234649, 0.190350578064785409913256402421014, 0.16900472663926790282658342659855, 0.140653259715525918745189590510238,
  0.104790010322250183839876322541518, 0.063092092629978553290700663189204, 0.02293532201052922496373200805897,
]
// Gauss 7-point weights at xgk[0], xgk[2], xgk[4], xgk[6]
const wg = [0.417959183673469387755102040816327, 0.381830050505118944950369775488975, 0.27970539148927666790146777142378, 0.129484966168869693270611432679082]

function kronrod(f: (x: number) => number, a: number, b: number): { value: number; error: number } {
  const centre = (a + b) / 2
  const half = (b - a) / 2
  const fc = f(centre)
  let kronrodSum = wgk[0]! * fc
  let gaussSum = wg[0]! * fc
  for (let j = 1; j < 8; j++) {
    const dx = half * xgk[j]!
    const pair = f(centre - dx) + f(centre + dx)
    kronrodSum += wgk[j]! * pair
    if (j % 2 === 0) gaussSum += wg[j / 2]! * pair
  }
  return { value: kronrodSum * half, error: Math.abs((kronrodSum - gaussSum) * half) }
}

/** An integral with its estimated absolute error; converged is false when maxIntervals ran out first. */
export interface Integral {
  value: number
  error: number
  converged: boolean
}

/**
 * ∫_a^b f(x) dx by globally adaptive Gauss–Kronrod (7–15) quadrature: the interval with the largest
 * error estimate is bisected until the summed estimate is below `tolerance` (absolute), as
 * QUADPACK's qag (Piessens, de Doncker-Kapenga, Überhuber & Kahaner 1983, QUADPACK: A Subroutine
 * Package for Automatic Integration, Springer, §2.2 and routine QK15; R's integrate) does. Finite
 * limits only. When `maxIntervals` subintervals do not reach the tolerance the estimate so far is
 * returned with converged = false (QUADPACK's ier = 1), never silently.
 *
 * Example: integrate((x) => x * x, 0, 1).value is 1/3.
 */
export function integrate(f: (x: number) => number, a: number, b: number, tolerance = 1e-10, maxIntervals = 2000): Integral {
  if (!(Number.isFinite(a) && Number.isFinite(b))) throw new InputError('integrate needs finite limits')
  if (a === b) return { value: 0, error: 0, converged: true }
  const intervals = [{ a, b, ...kronrod(f, a, b) }]
  let total = intervals[0]!.value
  let error = intervals[0]!.error
  while (error > tolerance && intervals.length < maxIntervals) {
    let worst = 0
    for (let i = 1; i < intervals.length; i++) if (intervals[i]!.error > intervals[worst]!.error) worst = i
    const w = intervals[worst]!
    const mid = (w.a + w.b) / 2
    const left = { a: w.a, b: mid, ...kronrod(f, w.a, mid) }
    const right = { a: mid, b: w.b, ...kronrod(f, mid, w.b) }
    intervals.splice(worst, 1, left, right)
    total = intervals.reduce((s, iv) => s + iv.value, 0)
    error = intervals.reduce((s, iv) => s + iv.error, 0)
  }
  return { value: total, error, converged: error <= tolerance }
}
