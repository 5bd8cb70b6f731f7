/**
 * Gauss–Hermite rule for the weight e^(−z²/2): ∫ f(z) e^(−z²/2) dz ≈ Σ weights[j] · f(nodes[j]),
 * exact for polynomials of degree < 2n; the weights sum to √(2π).
 *
 * Nodes are the roots of the Hermite polynomial H_n found by Newton's method on the normalised
 * three-term recurrence with the asymptotic first guesses of Numerical Recipes (Press et al., 3rd ed.,
 * §4.6, gauher), then rescaled from the weight e^(−x²) by z = √2·x.
 *
 * Example: gaussHermite(1) is { nodes: [0], weights: [√(2π)] }: one node is the Laplace approximation.
 */
import { InputError } from '../input-error'

export interface QuadratureRule {
  nodes: number[]
  weights: number[]
}

const cache = new Map<number, QuadratureRule>()

export function gaussHermite(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InputError('the number of quadrature nodes must be an integer from 1 to 100')
  const cached = cache.get(n)
  if (cached) return cached
  const x = new Array<number>(n).fill(0)
  const w = new Array<number>(n).fill(0)
  const piToMinusQuarter = Math.PI ** -0.25
  const m = Math.floor((n + 1) / 2)
  let z = 0
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** (-1 / 6)
    else if (i === 1) z -= (1.14 * n ** 0.426) / z
    else if (i === 2) z = 1.86 * z - 0.86 * x[0]!
    else if (i === 3) z = 1.91 * z - 0.91 * x[1]!
    else z = 2 * z - x[i - 2]!
    let derivative = 0
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = piToMinusQuarter
      let p2 = 0
      for (let j = 1; j <= n; j++) {
        const p3 = p2
        p2 = p1
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3
      }
      derivative = Math.sqrt(2 * n) * p2
      const previous = z
      z = previous - p1 / derivative
      if (Math.abs(z - previous) <= 1e-15 * Math.max(1, Math.abs(z))) break
    }
    x[i] = z
    x[n - 1 - i] = -z
    w[i] = 2 / (derivative * derivative)
    w[n - 1 - i] = w[i]!
  }
  const rule = { nodes: x.map((v) => Math.SQRT2 * v).reverse(), weights: w.map((v) => Math.SQRT2 * v).reverse() }
  if (n % 2 === 1) rule.nodes[(n - 1) / 2] = 0
  cache.set(n, rule)
  return rule
}
