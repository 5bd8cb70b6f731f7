/** A review's type, chosen at creation: its exclusion reasons, the forms it suggests, and its backup. */
import { describe, expect, it } from 'vitest'
import { reviewTypeInfo } from '@/core/review-types'
import { prisma } from '@/server/db/client'
import { exportReview } from '@/server/services/backup/export'
import { importReview, parseBackup } from '@/server/services/backup/import'
import { callerFor, newUser, outcome } from '../helpers/fixtures'

describe('review types', () => {
  it('a prevalence review starts with its own exclusion reasons, extracts cases out of participants and pools them', async () => {
    const owner = await newUser()
    const c = callerFor(owner)
    const review = await c.review.create({ title: 'Iron deficiency in blood donors', question: 'How common is iron deficiency among regular blood donors?', reviewType: 'prevalence' })
    expect((await c.review.get({ reviewId: review.id })).review.reviewType).toBe('prevalence')
    const reasons = await prisma().exclusionReason.findMany({ where: { reviewId: review.id }, orderBy: { position: 'asc' } })
    expect(reasons.map((r) => r.label)).toEqual(reviewTypeInfo.prevalence.exclusionReasons)
    expect(reasons.map((r) => r.label).join()).not.toMatch(/index test|reference standard/i)

    const form = await c.forms.create({ reviewId: review.id, kind: 'EXTRACTION', templateKey: 'prevalence' })
    const batch = await prisma().importBatch.create({ data: { reviewId: review.id, createdById: owner.id, source: 'PubMed', searchDate: new Date(), fileName: 'x', format: 'ris', recordCount: 3 } })
    const counts = [
      [40, 310],
      [22, 120],
      [61, 400],
    ]
    for (const [i, [events, total]] of counts.entries()) {
      const record = await prisma().searchRecord.create({ data: { reviewId: review.id, importId: batch.id, sourceLine: i + 1, title: `Donor study ${i}`, authors: [] } })
      const study = await prisma().study.create({ data: { reviewId: review.id, label: `Donors ${2020 + i}`, reports: { create: { recordId: record.id } } } })
      const version = await prisma().formVersion.findFirstOrThrow({ where: { formId: form.id } })
      await prisma().consensusValue.create({
        data: { studyId: study.id, formId: form.id, formVersionId: version.id, path: 'estimates[0].proportion', value: { events, total }, source: 'agreement', entered: [] },
      })
    }
    const analysis = await c.analyses.save({
      reviewId: review.id,
      name: 'Prevalence',
      spec: { kind: 'univariate', formId: form.id, source: { sectionId: 'estimates', fieldId: 'proportion' }, measure: 'PLO', method: 'REML' },
    })
    const result = await c.analyses.result({ reviewId: review.id, analysisId: analysis.id })
    expect(result.error).toBeNull()
    expect(result.univariate!.k).toBe(3)
    // back-transformed to a proportion between the smallest and largest study
    const pooled = 1 / (1 + Math.exp(-result.univariate!.est))
    expect(pooled).toBeGreaterThan(40 / 310)
    expect(pooled).toBeLessThan(61 / 400 + 0.05)
  })

  it('an intervention review gets intervention reasons; an unknown type is refused; a backup keeps the type', async () => {
    const owner = await newUser()
    const c = callerFor(owner)
    const review = await c.review.create({ title: 'Oral iron every other day', question: 'Does alternate-day oral iron raise ferritin as much as daily dosing?', reviewType: 'intervention' })
    const labels = (await prisma().exclusionReason.findMany({ where: { reviewId: review.id }, orderBy: { position: 'asc' } })).map((r) => r.label)
    expect(labels.slice(0, 4)).toEqual(['Wrong population', 'Wrong intervention', 'Wrong comparator', 'Wrong outcomes (no usable data)'])
    expect(await outcome(() => c.review.create({ title: 'Something', question: 'A question of ten characters', reviewType: 'astrology' as never }))).toBe('BAD_REQUEST')
    // created without a type (older clients): a diagnostic-accuracy review, as before
    const plain = await c.review.create({ title: 'Accuracy of ferritin', question: 'How accurate is serum ferritin for iron deficiency?' })
    expect(plain.reviewType).toBe('diagnostic_accuracy')

    let text = ''
    for await (const chunk of exportReview(review.id)) text += chunk
    const copy = await importReview(owner.id, parseBackup(JSON.parse(text)))
    expect((await prisma().review.findUniqueOrThrow({ where: { id: copy.reviewId } })).reviewType).toBe('intervention')
  })
})
