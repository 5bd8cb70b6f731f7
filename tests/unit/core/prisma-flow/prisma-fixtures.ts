/**
 * PRISMA 2020 counts for the tests: the motivating review (six databases, duplicates removed,
 * screening, five reasons for excluding full texts, ten studies included), the same review with
 * citation searching as an "other methods" column, and an update of it (updated-review template).
 */
import type { PrismaFlowCounts } from '@/core/prisma-flow/prisma-flow-counts'

export const motivatingReview: PrismaFlowCounts = {
  identification: {
    databases: [
      { name: 'PubMed', n: 412 },
      { name: 'Embase', n: 538 },
      { name: 'Cochrane Library', n: 96 },
      { name: 'Web of Science', n: 301 },
      { name: 'Scopus', n: 357 },
      { name: 'IEEE Xplore', n: 64 },
    ],
    registers: [],
    duplicatesRemoved: 603,
    automationRemoved: 0,
    otherRemoved: 0,
  },
  screening: {
    recordsScreened: 1165,
    recordsExcluded: 1098,
    reportsSought: 67,
    reportsNotRetrieved: 3,
    reportsAssessed: 64,
    reportsExcluded: [
      { reason: 'Not an AI index test', n: 17 },
      { reason: 'No reference standard', n: 12 },
      { reason: 'Wrong population', n: 9 },
      { reason: 'Insufficient data for a 2×2 table', n: 11 },
      { reason: 'Conference abstract only', n: 3 },
    ],
  },
  included: { studies: 10, reports: 12 },
}

export const withOtherMethods: PrismaFlowCounts = {
  ...motivatingReview,
  identification: { ...motivatingReview.identification, registers: [{ name: 'ClinicalTrials.gov', n: 25 }], duplicatesRemoved: 610, automationRemoved: 12, otherRemoved: 6 },
  included: { studies: 12, reports: 15 },
  otherMethods: {
    sources: [
      { name: 'Citation searching', n: 9 },
      { name: 'Websites', n: 2 },
    ],
    reportsSought: 11,
    reportsNotRetrieved: 1,
    reportsAssessed: 10,
    reportsExcluded: [
      { reason: 'Wrong population', n: 4 },
      { reason: 'Duplicate cohort', n: 3 },
    ],
  },
}

export const updatedReview: PrismaFlowCounts = {
  ...motivatingReview,
  previous: { studies: 7, reports: 9 },
  total: { studies: 17, reports: 21 },
}
