import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { agreementTable } from '@/core/agreement/agreement-table'
import { cohensKappa } from '@/core/agreement/cohen-kappa'
import { fleissKappa } from '@/core/agreement/fleiss-kappa'
import { twoRaterAgreement } from '@/core/agreement/two-rater-agreement'
import { InputError } from '@/core/input-error'
import { agrees, tolerance } from '../../../reference/tolerances'

interface Stat {
  [key: string]: number | number[]
}
interface TwoRaters {
  name: string
  categories: string[]
  table: number[][]
  rater1: string[]
  rater2: string[]
  cohen: Stat
  gwet: Stat
  published: { po?: number; pe?: number; kappa?: number; se?: number; ci?: number[]; se0?: number; z?: number; p?: number }
}
const reference = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../reference/agreement.json'), 'utf8')) as {
  two_raters: TwoRaters[]
  fleiss: (Stat & { name: string; ratings: (string | number)[][]; categories: (string | number)[]; published?: { po: number; pe: number; kappa: number } })[]
}
const rel = tolerance.univariate

function expectClose(actual: number, expected: number | number[] | undefined, label: string): void {
  if (typeof expected !== 'number') throw new Error(`${label}: no reference value`)
  if (!agrees(actual, expected, rel)) expect.fail(`${label}: got ${actual}, R gives ${expected}`)
}

describe("Cohen's kappa, PABAK and Gwet's AC1 against the published formulas (tests/reference/agreement.R)", () => {
  for (const c of reference.two_raters) {
    it(c.name, () => {
      const r = twoRaterAgreement(c.rater1, c.rater2, { categories: c.categories })
      expect(r.table.counts).toEqual(c.table)
      for (const key of ['kappa', 'po', 'pe', 'se', 'se0', 'z', 'p', 'pabak'] as const) expectClose(r.cohen[key], c.cohen[key], `cohen.${key}`)
      expectClose(r.cohen.ci[0], (c.cohen.ci as number[])[0], 'cohen.ci lower')
      expectClose(r.cohen.ci[1], (c.cohen.ci as number[])[1], 'cohen.ci upper')
      for (const key of ['ac1', 'po', 'pe', 'se', 'z', 'p'] as const) expectClose(r.gwet[key], c.gwet[key], `gwet.${key}`)
      expectClose(r.gwet.ci[0], (c.gwet.ci as number[])[0], 'gwet.ci lower')
      // Published, rounded values check the formulas themselves (R only retypes them).
      if (c.published.kappa !== undefined) expect(r.cohen.kappa).toBeCloseTo(c.published.kappa, 3)
      if (c.published.po !== undefined) expect(r.cohen.po).toBeCloseTo(c.published.po, 3)
      if (c.published.pe !== undefined) expect(r.cohen.pe).toBeCloseTo(c.published.pe, 3)
      // SAS prints four decimals: agreement to 5e-5 with the printout
      if (c.published.se !== undefined) {
        expect(r.cohen.se).toBeCloseTo(c.published.se, 4)
        expect(r.cohen.ci[0]).toBeCloseTo(c.published.ci![0]!, 4)
        expect(r.cohen.ci[1]).toBeCloseTo(c.published.ci![1]!, 4)
        expect(r.cohen.se0).toBeCloseTo(c.published.se0!, 4)
        expect(r.cohen.z).toBeCloseTo(c.published.z!, 4)
        expect(r.cohen.p).toBeCloseTo(c.published.p!, 4)
      }
    })
  }

  it('shows the rare-inclusion paradox: kappa low, AC1 and PABAK high', () => {
    const c = reference.two_raters.find((t) => t.name === 'rare inclusions')!
    const r = twoRaterAgreement(c.rater1, c.rater2)
    expect(r.cohen.kappa).toBeLessThan(0.5)
    expect(r.gwet.ac1).toBeGreaterThan(0.9)
    expect(r.cohen.pabak).toBeCloseTo(2 * r.cohen.po - 1, 12)
  })

  it('does not depend on the order of items or of the categories, and is symmetric in the raters', () => {
    const c = reference.two_raters.find((t) => t.name === 'screening include/exclude/maybe')!
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (seed) => {
        const order = c.rater1.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 241) - ((b * 7919 + seed) % 241))
        const r1 = order.map((i) => c.rater1[i]!)
        const r2 = order.map((i) => c.rater2[i]!)
        const a = twoRaterAgreement(c.rater1, c.rater2)
        const b = twoRaterAgreement(r2, r1, { categories: ['maybe', 'include', 'exclude'] })
        expect(b.cohen.kappa).toBeCloseTo(a.cohen.kappa, 12)
        expect(b.cohen.se).toBeCloseTo(a.cohen.se, 12)
        expect(b.gwet.ac1).toBeCloseTo(a.gwet.ac1, 12)
        expect(b.gwet.se).toBeCloseTo(a.gwet.se, 12)
      }),
      { numRuns: 20 },
    )
  })

  it('the standard error is checked against an outside printout (SAS PROC FREQ)', () => {
    expect(reference.two_raters.some((c) => c.published.se !== undefined)).toBe(true)
  })

  it('names a bad rating by its position among all items, missing pairs included', () => {
    expect(() => agreementTable(['a', null, 'b', 'z'], ['a', 'b', undefined, 'a'], ['a', 'b'])).toThrow(new InputError('item 4: rating "z" is not among the categories'))
  })

  it('takes the level as a fraction or a percentage', () => {
    const c = reference.two_raters[0]!
    expect(twoRaterAgreement(c.rater1, c.rater2, { level: 90 }).cohen.ci).toEqual(twoRaterAgreement(c.rater1, c.rater2, { level: 0.9 }).cohen.ci)
    expect(() => twoRaterAgreement(c.rater1, c.rater2, { level: 1 })).toThrow(InputError)
  })

  it('leaves out pairs with a missing rating and rejects malformed input with an InputError', () => {
    const t = agreementTable(['a', null, 'b', 'a'], ['a', 'b', undefined, 'b'])
    expect(t.n).toBe(2)
    expect(t.missing).toBe(2)
    expect(() => agreementTable(['a'], ['a', 'b'])).toThrow(InputError)
    expect(() => agreementTable(['a', {} as unknown as string], ['a', 'b'])).toThrow('item 2: rating of rater 1 must be a string or a finite number')
    expect(() => cohensKappa(agreementTable(['a', 'a'], ['a', 'a']))).toThrow(InputError)
    // With both categories known but only one used by both raters, kappa is 0/0: undefined, reported as NaN, not an error.
    const single = twoRaterAgreement(['low', 'low', 'low'], ['low', 'low', 'low'], { categories: ['low', 'high'] })
    expect(single.cohen.kappa).toBeNaN()
    expect(single.cohen.undefinedReason).toBe('both raters used a single category')
    expect(single.cohen.pabak).toBe(1)
    expect(single.gwet.ac1).toBe(1)
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        try {
          twoRaterAgreement(a as string[], b as string[])
        } catch (e) {
          if (!(e instanceof InputError)) throw e
        }
      }),
      { numRuns: 200 },
    )
  })
})

describe("Fleiss' kappa against irr::kappam.fleiss's formulas (tests/reference/agreement.R)", () => {
  for (const c of reference.fleiss) {
    it(c.name, () => {
      const r = fleissKappa(c.ratings)
      for (const key of ['kappa', 'po', 'pe', 'se0', 'z', 'p'] as const) expectClose(r[key], c[key], `fleiss.${key}`)
      r.byCategory.forEach((b, j) => {
        expectClose(b.proportion, (c.proportions as number[])[j], `${b.category} proportion`)
        expectClose(b.kappa, (c.category_kappas as number[])[j], `${b.category} kappa`)
        expectClose(b.se0, c.category_se0, `${b.category} se0`)
      })
      if (c.published) {
        expect(r.kappa).toBeCloseTo(c.published.kappa, 3)
        expect(r.po).toBeCloseTo(c.published.po, 3)
        expect(r.pe).toBeCloseTo(c.published.pe, 3)
      }
    })
  }

  it('equals Cohen-style agreement bounds: 1 for perfect agreement', () => {
    const perfect = [
      ['a', 'a', 'a'],
      ['b', 'b', 'b'],
      ['a', 'a', 'a'],
    ]
    expect(fleissKappa(perfect).kappa).toBeCloseTo(1, 14)
    expect(() => fleissKappa([['a'], ['b']])).toThrow(InputError)
    expect(() => fleissKappa([['a', 'b'], ['a']])).toThrow('subject 2: must have ratings from all 2 raters')
  })
})

describe('intervals stay within kappa’s range [−1, 1]', () => {
  it('cuts a Wald interval that crosses 1 and says so; leaves one inside alone', () => {
    // 10 items, one disagreement: kappa = 0.78 (p_o 0.9, p_e 0.54), and its Wald interval passes 1
    const rater1 = ['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'no', 'no', 'no', 'no']
    const rater2 = ['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'no', 'no', 'no', 'yes']
    const r = twoRaterAgreement(rater1, rater2)
    expect(r.cohen.kappa).toBeCloseTo(0.36 / 0.46, 10)
    const z = 1.959963984540054
    expect(r.cohen.kappa + z * r.cohen.se).toBeGreaterThan(1)
    expect(r.cohen.ci[0]).toBeCloseTo(r.cohen.kappa - z * r.cohen.se, 12)
    expect(r.cohen.ci[1]).toBe(1)
    expect(r.cohen.ciTruncated).toBe(true)
    expect(r.gwet.ci[1]).toBeLessThanOrEqual(1)
    expect(r.gwet.ciTruncated).toBe(r.gwet.ac1 + z * r.gwet.se > 1)
    // 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: kappa 0.4, the interval well inside
    const pairs = [...Array(20).fill(['yes', 'yes']), ...Array(5).fill(['yes', 'no']), ...Array(10).fill(['no', 'yes']), ...Array(15).fill(['no', 'no'])] as string[][]
    const inside = twoRaterAgreement(
      pairs.map((p) => p[0]!),
      pairs.map((p) => p[1]!),
    )
    expect(inside.cohen.ciTruncated).toBe(false)
    expect(inside.cohen.ci[1]).toBeCloseTo(inside.cohen.kappa + z * inside.cohen.se, 12)
  })
})
