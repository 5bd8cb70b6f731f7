/**
 * The PRISMA 2020 diagram model: the template's boxes with their numbers, the arrows between them,
 * the optional other-methods column and the updated-review template's totals.
 */
import { describe, expect, it } from 'vitest'
import { prismaFlowModel, prismaLineText, type PrismaBox } from '@/core/prisma-flow/prisma-flow-model'
import { motivatingReview, updatedReview, withOtherMethods } from './prisma-fixtures'

const box = (boxes: PrismaBox[], id: string): PrismaBox => {
  const found = boxes.find((b) => b.id === id)
  if (!found) throw new Error(`no box ${id}`)
  return found
}
const lines = (boxes: PrismaBox[], id: string): string[] => box(boxes, id).lines.map(prismaLineText)

describe('prismaFlowModel', () => {
  it('lays out the new-review template with every number', () => {
    const model = prismaFlowModel(motivatingReview)
    expect(model.problems).toEqual([])
    expect(model.boxes.map((b) => `${b.id}@${b.column}:${b.row}`)).toEqual([
      'header-databases@databases:0',
      'records-identified@databases:1',
      'records-removed@databases-side:1',
      'records-screened@databases:2',
      'records-excluded@databases-side:2',
      'reports-sought@databases:3',
      'reports-not-retrieved@databases-side:3',
      'reports-assessed@databases:4',
      'reports-excluded@databases-side:4',
      'studies-included@databases:5',
    ])
    expect(lines(model.boxes, 'records-identified')).toEqual([
      'Records identified from:',
      'Databases (n = 1,768)',
      'PubMed (n = 412)',
      'Embase (n = 538)',
      'Cochrane Library (n = 96)',
      'Web of Science (n = 301)',
      'Scopus (n = 357)',
      'IEEE Xplore (n = 64)',
      'Registers (n = 0)',
    ])
    expect(lines(model.boxes, 'records-removed')[1]).toBe('Duplicate records removed (n = 603)')
    expect(lines(model.boxes, 'records-screened')).toEqual(['Records screened (n = 1,165)'])
    expect(lines(model.boxes, 'reports-excluded')).toEqual([
      'Reports excluded (n = 52)',
      'Not an AI index test (n = 17)',
      'No reference standard (n = 12)',
      'Wrong population (n = 9)',
      'Insufficient data for a 2×2 table (n = 11)',
      'Conference abstract only (n = 3)',
    ])
    expect(lines(model.boxes, 'studies-included')).toEqual(['Studies included in review (n = 10)', 'Reports of included studies (n = 12)'])
    expect(model.arrows).toContainEqual({ from: 'reports-assessed', to: 'studies-included' })
    expect(model.arrows).toHaveLength(8)
    expect(model.phases.map((p) => [p.label, p.firstRow, p.lastRow])).toEqual([
      ['Identification', 1, 1],
      ['Screening', 2, 4],
      ['Included', 5, 5],
    ])
  })

  it('adds the other-methods column feeding the included studies', () => {
    const model = prismaFlowModel(withOtherMethods)
    expect(box(model.boxes, 'header-other').lines[0]?.text).toBe('Identification of studies via other methods')
    expect(lines(model.boxes, 'other-records-identified')).toEqual(['Records identified from:', 'Citation searching (n = 9)', 'Websites (n = 2)'])
    expect(box(model.boxes, 'other-reports-excluded').column).toBe('other-side')
    expect(lines(model.boxes, 'records-identified')).toContain('ClinicalTrials.gov (n = 25)')
    expect(model.arrows).toContainEqual({ from: 'other-reports-assessed', to: 'studies-included' })
    expect(model.arrows).toContainEqual({ from: 'other-records-identified', to: 'other-reports-sought' })
  })

  it('uses the updated-review template: previous studies feed the total', () => {
    const model = prismaFlowModel(updatedReview)
    expect(box(model.boxes, 'header-databases').lines[0]?.text).toBe('Identification of new studies via databases and registers')
    expect(lines(model.boxes, 'previous-studies')).toEqual(['Studies included in previous version of review (n = 7)', 'Reports of studies included in previous version of review (n = 9)'])
    expect(lines(model.boxes, 'studies-included')).toEqual(['New studies included in review (n = 10)', 'Reports of new included studies (n = 12)'])
    expect(lines(model.boxes, 'studies-total')).toEqual(['Total studies included in review (n = 17)', 'Reports of total included studies (n = 21)'])
    expect(model.arrows).toContainEqual({ from: 'previous-studies', to: 'studies-total' })
    expect(model.arrows).toContainEqual({ from: 'studies-included', to: 'studies-total' })
    expect(model.phases[2]).toEqual({ phase: 'included', label: 'Included', firstRow: 5, lastRow: 6 })
    // Without recorded totals they are previous + new.
    const derived = prismaFlowModel({ ...updatedReview, total: undefined, previous: { studies: 3, reports: 4 } })
    expect(box(derived.boxes, 'studies-total').lines.map((l) => l.n)).toEqual([13, 16])
  })

  it('draws inconsistent counts as given but lists the problems; rejects malformed ones', () => {
    const model = prismaFlowModel({ ...motivatingReview, included: { studies: 10, reports: 11 } })
    expect(model.problems).toHaveLength(1)
    expect(lines(model.boxes, 'studies-included')[1]).toBe('Reports of included studies (n = 11)')
    expect(() => prismaFlowModel({ ...motivatingReview, included: { studies: -1, reports: 12 } })).toThrow(RangeError)
    expect(() => prismaFlowModel({ ...motivatingReview, included: { studies: -1, reports: 12 } })).toThrow('PRISMA flow diagram: included.studies must be a non-negative whole number (got -1)')
  })
})
