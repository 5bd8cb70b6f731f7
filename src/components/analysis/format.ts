/** Number formats shared by the analysis pages and the public page. */
export const fmt = (v: number | null | undefined, d = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d))
export const ci = (lo: number | null | undefined, hi: number | null | undefined, d = 2) => `${fmt(lo, d)} to ${fmt(hi, d)}`
export const pval = (p: number | null | undefined) => (p === null || p === undefined || !Number.isFinite(p) ? '—' : p < 0.001 ? '< 0.001' : p.toFixed(3))
