/**
 * The PRISMA 2020 arithmetic: consistent diagrams pass (new review, other methods, updated review),
 * and each kind of inconsistency and malformed count is reported in words naming the boxes.
 */
import { describe, expect, it } from 'vitest'
import { checkPrismaFlowCounts } from '@/core/prisma-flow/check-prisma-flow-counts'
import type { PrismaFlowCounts } from '@/core/prisma-flow/prisma-flow-counts'
import { motivatingReview, updatedReview, withOtherMethods } from './prisma-fixtures'

const withScreening = (patch: Partial<PrismaFlowCounts['screening']>): PrismaFlowCounts => ({ ...motivatingReview, screening: { ...motivatingReview.screening, ...patch } })

describe('checkPrismaFlowCounts', () => {
  it('passes the motivating review, its other-methods variant and its update', () => {
    expect(checkPrismaFlowCounts(motivatingReview)).toEqual([])
    expect(checkPrismaFlowCounts(withOtherMethods)).toEqual([])
    expect(checkPrismaFlowCounts(updatedReview)).toEqual([])
    expect(checkPrismaFlowCounts({ ...updatedReview, total: undefined })).toEqual([])
  })

  it('checks identified − removed = screened', () => {
    const counts = { ...motivatingReview, identification: { ...motivatingReview.identification, duplicatesRemoved: 600 } }
    expect(checkPrismaFlowCounts(counts)).toEqual(['Records screened (1,165) should be records identified (1,768) − duplicates (600) − automation (0) − other (0) = 1,168'])
    const registers = { ...motivatingReview, identification: { ...motivatingReview.identification, registers: [{ name: 'ICTRP', n: 4 }] } }
    expect(checkPrismaFlowCounts(registers)[0]).toContain('records identified (1,772)')
  })

  it('checks screened − excluded = sought, and sought − not retrieved = assessed', () => {
    expect(checkPrismaFlowCounts(withScreening({ recordsExcluded: 1100 }))).toEqual(['Reports sought for retrieval (67) should be records screened (1,165) − records excluded (1,100) = 65'])
    expect(checkPrismaFlowCounts(withScreening({ reportsNotRetrieved: 5 }))).toEqual(['Reports assessed for eligibility (64) should be reports sought (67) − not retrieved (5) = 62'])
  })

  it('checks assessed − excluded reasons = reports included', () => {
    const reasons = motivatingReview.screening.reportsExcluded.slice(0, 4)
    expect(checkPrismaFlowCounts(withScreening({ reportsExcluded: reasons }))).toEqual(['Reports of included studies (12) should be reports assessed (64) − reports excluded (49) = 15'])
    expect(checkPrismaFlowCounts({ ...motivatingReview, included: { studies: 10, reports: 11 } })[0]).toContain('= 12')
  })

  it('adds the other-methods column and checks its own boxes', () => {
    const other = withOtherMethods.otherMethods as NonNullable<PrismaFlowCounts['otherMethods']>
    expect(checkPrismaFlowCounts({ ...withOtherMethods, included: { studies: 12, reports: 12 } })).toEqual([
      "Reports of included studies (12) should be reports assessed (64) − reports excluded (52) + other methods' reports assessed (10) − excluded (7) = 15",
    ])
    expect(checkPrismaFlowCounts({ ...withOtherMethods, otherMethods: { ...other, reportsSought: 12, reportsAssessed: 11 } })).toEqual([
      'Other methods: reports sought for retrieval (12) should equal the records identified from other sources (11)',
      "Reports of included studies (15) should be reports assessed (64) − reports excluded (52) + other methods' reports assessed (11) − excluded (7) = 16",
    ])
    expect(checkPrismaFlowCounts({ ...withOtherMethods, otherMethods: { ...other, reportsNotRetrieved: 2 } })).toEqual([
      'Other methods: reports assessed for eligibility (10) should be reports sought (11) − not retrieved (2) = 9',
    ])
  })

  it('requires a report for every included study', () => {
    const a = { ...motivatingReview, included: { studies: 13, reports: 12 } }
    expect(checkPrismaFlowCounts(a)).toEqual(['Studies included: 13 studies cannot have fewer reports (12): every study has at least one report'])
    const b = { ...updatedReview, previous: { studies: 0, reports: 9 }, total: { studies: 10, reports: 21 } }
    expect(checkPrismaFlowCounts(b)).toEqual(['Studies included in previous version: 9 reports but no studies: reports of included studies need an included study'])
  })

  it('checks the updated-review totals: previous + new', () => {
    expect(checkPrismaFlowCounts({ ...updatedReview, total: { studies: 18, reports: 20 } })).toEqual([
      'Total studies included in review (18) should be previous version (7) + new studies (10) = 17',
      'Reports of total included studies (20) should be previous version (9) + new reports (12) = 21',
    ])
    expect(checkPrismaFlowCounts({ ...motivatingReview, total: { studies: 11, reports: 12 } })).toEqual([
      'Total studies included in review (11) should be no previous version (0) + new studies (10) = 10',
    ])
    expect(checkPrismaFlowCounts({ ...updatedReview, included: { studies: 10, reports: 13 } })[0]).toMatch(/^Reports of new included studies \(13\)/)
  })

  it('reports malformed counts by field instead of the arithmetic', () => {
    const bad = {
      ...motivatingReview,
      identification: {
        ...motivatingReview.identification,
        databases: [
          { name: 'PubMed', n: -3 },
          { name: '', n: 2 },
        ],
        otherRemoved: 1.5,
      },
      screening: { ...motivatingReview.screening, reportsExcluded: [{ reason: 'Wrong design', n: Number.NaN }] },
    }
    expect(checkPrismaFlowCounts(bad)).toEqual([
      'identification.otherRemoved must be a non-negative whole number (got 1.5)',
      'identification.databases[0] ("PubMed").n must be a non-negative whole number (got -3)',
      'identification.databases[1] needs a name',
      'screening.reportsExcluded[0] ("Wrong design").n must be a non-negative whole number (got null)',
    ])
    expect(checkPrismaFlowCounts({ ...motivatingReview, included: undefined } as unknown as PrismaFlowCounts)).toEqual(['included is missing'])
  })
})
