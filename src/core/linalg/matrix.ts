/**
 * Small dense matrices for the few places that need them (meta-regression with p moderators,
 * the 2x2 and 5x5 problems of the bivariate models). Storage is row-major in a Float64Array.
 * Univariate models must stay O(k) per iteration and never build a k-by-k matrix; only
 * p-by-p and k-by-p matrices belong here.
 */
export class Matrix {
  readonly data: Float64Array
  constructor(
    readonly rows: number,
    readonly cols: number,
    data?: Float64Array,
  ) {
    if (data && data.length !== rows * cols) throw new RangeError(`matrix data has ${data.length} values, expected ${rows * cols}`)
    this.data = data ?? new Float64Array(rows * cols)
  }

  static fromRows(rows: readonly (readonly number[])[]): Matrix {
    const r = rows.length
    const c = rows[0]?.length ?? 0
    const m = new Matrix(r, c)
    rows.forEach((row, i) => {
      if (row.length !== c) throw new RangeError('matrix rows differ in length')
      row.forEach((v, j) => m.set(i, j, v))
    })
    return m
  }

  static identity(n: number): Matrix {
    const m = new Matrix(n, n)
    for (let i = 0; i < n; i++) m.set(i, i, 1)
    return m
  }

  static diagonal(values: readonly number[]): Matrix {
    const m = new Matrix(values.length, values.length)
    values.forEach((v, i) => m.set(i, i, v))
    return m
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j] as number
  }

  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v
  }

  toRows(): number[][] {
    return Array.from({ length: this.rows }, (_, i) => Array.from({ length: this.cols }, (_, j) => this.get(i, j)))
  }

  diag(): number[] {
    return Array.from({ length: Math.min(this.rows, this.cols) }, (_, i) => this.get(i, i))
  }

  transpose(): Matrix {
    const t = new Matrix(this.cols, this.rows)
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) t.set(j, i, this.get(i, j))
    return t
  }

  multiply(b: Matrix): Matrix {
    if (this.cols !== b.rows) throw new RangeError(`cannot multiply ${this.rows}x${this.cols} by ${b.rows}x${b.cols}`)
    const out = new Matrix(this.rows, b.cols)
    for (let i = 0; i < this.rows; i++)
      for (let k = 0; k < this.cols; k++) {
        const a = this.get(i, k)
        if (a === 0) continue
        for (let j = 0; j < b.cols; j++) out.data[i * b.cols + j]! += a * b.get(k, j)
      }
    return out
  }

  multiplyVector(v: readonly number[]): number[] {
    if (this.cols !== v.length) throw new RangeError('matrix and vector sizes differ')
    const out = new Array<number>(this.rows).fill(0)
    for (let i = 0; i < this.rows; i++) {
      let s = 0
      for (let j = 0; j < this.cols; j++) s += this.get(i, j) * (v[j] as number)
      out[i] = s
    }
    return out
  }

  add(b: Matrix): Matrix {
    const out = new Matrix(this.rows, this.cols)
    for (let i = 0; i < this.data.length; i++) out.data[i] = (this.data[i] as number) + (b.data[i] as number)
    return out
  }

  scale(s: number): Matrix {
    const out = new Matrix(this.rows, this.cols)
    for (let i = 0; i < this.data.length; i++) out.data[i] = (this.data[i] as number) * s
    return out
  }
}

/**
 * Cholesky factor L (lower triangular, A = L Lᵀ) of a symmetric positive-definite matrix,
 * or null when A is not positive definite (a pivot <= 0).
 */
export function cholesky(a: Matrix): Matrix | null {
  const n = a.rows
  const l = new Matrix(n, n)
  for (let j = 0; j < n; j++) {
    let d = a.get(j, j)
    for (let k = 0; k < j; k++) d -= l.get(j, k) ** 2
    if (!(d > 0)) return null
    const ljj = Math.sqrt(d)
    l.set(j, j, ljj)
    for (let i = j + 1; i < n; i++) {
      let s = a.get(i, j)
      for (let k = 0; k < j; k++) s -= l.get(i, k) * l.get(j, k)
      l.set(i, j, s / ljj)
    }
  }
  return l
}

/** log det(A) from its Cholesky factor. */
export function logDetFromCholesky(l: Matrix): number {
  let s = 0
  for (let i = 0; i < l.rows; i++) s += Math.log(l.get(i, i))
  return 2 * s
}

/** Solve L Lᵀ x = b given the Cholesky factor L. */
export function choleskySolve(l: Matrix, b: readonly number[]): number[] {
  const n = l.rows
  const y = new Array<number>(n).fill(0)
  for (let i = 0; i < n; i++) {
    let s = b[i] as number
    for (let k = 0; k < i; k++) s -= l.get(i, k) * (y[k] as number)
    y[i] = s / l.get(i, i)
  }
  const x = new Array<number>(n).fill(0)
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] as number
    for (let k = i + 1; k < n; k++) s -= l.get(k, i) * (x[k] as number)
    x[i] = s / l.get(i, i)
  }
  return x
}

/** Inverse of a symmetric positive-definite matrix, or null when it is not positive definite. */
export function inverseSpd(a: Matrix): Matrix | null {
  const l = cholesky(a)
  if (!l) return null
  const n = a.rows
  const inv = new Matrix(n, n)
  for (let j = 0; j < n; j++) {
    const e = new Array<number>(n).fill(0)
    e[j] = 1
    const col = choleskySolve(l, e)
    for (let i = 0; i < n; i++) inv.set(i, j, col[i] as number)
  }
  return inv
}

/** Inverse of a general square matrix by Gauss–Jordan elimination with partial pivoting; null if singular. */
export function inverse(a: Matrix): Matrix | null {
  const n = a.rows
  if (a.cols !== n) throw new RangeError('inverse needs a square matrix')
  const m = new Matrix(n, 2 * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) m.set(i, j, a.get(i, j))
    m.set(i, n + i, 1)
  }
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(m.get(r, c)) > Math.abs(m.get(p, c))) p = r
    const pivot = m.get(p, c)
    if (Math.abs(pivot) < 1e-300) return null
    if (p !== c)
      for (let j = 0; j < 2 * n; j++) {
        const t = m.get(c, j)
        m.set(c, j, m.get(p, j))
        m.set(p, j, t)
      }
    for (let j = 0; j < 2 * n; j++) m.set(c, j, m.get(c, j) / pivot)
    for (let r = 0; r < n; r++) {
      if (r === c) continue
      const f = m.get(r, c)
      if (f === 0) continue
      for (let j = 0; j < 2 * n; j++) m.set(r, j, m.get(r, j) - f * m.get(c, j))
    }
  }
  const inv = new Matrix(n, n)
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) inv.set(i, j, m.get(i, n + j))
  return inv
}
