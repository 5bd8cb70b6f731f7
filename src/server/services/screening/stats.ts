/**
 * Per-reviewer statistics and agreement: Cohen's kappa (with PABAK and Gwet's AC1) for every pair of
 * reviewers who both voted on records of a stage, computed by the core's agreement module. Only records
 * whose votes are all in count: a lead who also screens must not learn how a colleague voted on a record
 * still open to the lead's own vote from counts that move with each vote.
 */
import 'server-only'
import type { ScreeningStage } from '@/generated/prisma/enums'
import { twoRaterAgreement } from '@/core/agreement/two-rater-agreement'
import { prisma } from '@/server/db/client'

const categories = ['INCLUDE', 'EXCLUDE', 'MAYBE']

export async function reviewerStatistics(reviewId: string, stage: ScreeningStage) {
  const votes = await prisma().vote.findMany({
    where: { item: { reviewId, stage, status: { not: 'OPEN' } } },
    select: { itemId: true, reviewerId: true, decision: true, reviewer: { select: { name: true } }, item: { select: { status: true } } },
  })
  const reviewers = new Map<string, { id: string; name: string; votes: number; include: number; exclude: number; maybe: number; inConflict: number }>()
  const byItem = new Map<string, Map<string, string>>()
  for (const v of votes) {
    const r = reviewers.get(v.reviewerId) ?? { id: v.reviewerId, name: v.reviewer.name, votes: 0, include: 0, exclude: 0, maybe: 0, inConflict: 0 }
    r.votes++
    if (v.decision === 'INCLUDE') r.include++
    else if (v.decision === 'EXCLUDE') r.exclude++
    else r.maybe++
    if (v.item.status === 'CONFLICT') r.inConflict++
    reviewers.set(v.reviewerId, r)
    const m = byItem.get(v.itemId) ?? new Map<string, string>()
    m.set(v.reviewerId, v.decision)
    byItem.set(v.itemId, m)
  }
  const ids = [...reviewers.keys()].sort((a, b) => reviewers.get(a)!.name.localeCompare(reviewers.get(b)!.name))
  const pairs = []
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const a: string[] = []
      const b: string[] = []
      for (const m of byItem.values()) {
        const x = m.get(ids[i]!)
        const y = m.get(ids[j]!)
        if (x && y) {
          a.push(x)
          b.push(y)
        }
      }
      if (a.length === 0) continue
      const agreement = twoRaterAgreement(a, b, { categories })
      pairs.push({
        reviewers: [reviewers.get(ids[i]!)!.name, reviewers.get(ids[j]!)!.name] as [string, string],
        records: a.length,
        observedAgreement: agreement.cohen.po,
        kappa: agreement.cohen.kappa,
        kappaCi: agreement.cohen.ci,
        kappaCiTruncated: agreement.cohen.ciTruncated,
        pabak: agreement.cohen.pabak,
        ac1: agreement.gwet.ac1,
      })
    }
  return { stage, reviewers: ids.map((id) => reviewers.get(id)!), pairs }
}
