import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { agrees } from '../../../reference/tolerances'
import type { DtaStudy } from '@/core/dta/dta-study'

/** Reads a JSON file written by one of the tests/reference/*.R scripts. */
export function readReference<T>(name: string): T {
  return JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../reference', name), 'utf8')) as T
}

export interface ReferenceStudy extends DtaStudy {
  covariate?: string | number
}

export const asStudies = (rows: readonly ReferenceStudy[]): DtaStudy[] => rows.map(({ id, tp, fp, fn, tn }) => ({ id, tp, fp, fn, tn }))

/** Asserts agreement within a relative tolerance (absolute near zero), naming the value on failure. */
export function expectAgrees(actual: number | null | undefined, expected: number, rel: number, label: string): void {
  expect(actual, label).not.toBeNull()
  expect(actual, label).not.toBeUndefined()
  const ok = agrees(actual as number, expected, rel)
  if (!ok) expect.fail(`${label}: got ${actual}, R gives ${expected} (relative tolerance ${rel})`)
}

export function expectAllAgree(actual: readonly number[] | null | undefined, expected: readonly number[], rel: number, label: string): void {
  expect(actual, label).toBeTruthy()
  expect(actual!.length, label).toBe(expected.length)
  expected.forEach((e, i) => expectAgrees(actual![i], e, rel, `${label}[${i}]`))
}
