/**
 * Per-reviewer statistics and agreement: Cohen's kappa (with PABAK and Gwet's AC1) for every pair of
 * reviewers who both voted on records of a stage, computed by the core's agreement module. Only records
 * whose votes are all in count: a lead who also screens must not learn how a colleague voted on a record
 * still open to the lead's own vote from counts that move with each vote.
 */
import 'server-only'
import type { ScreeningStage } from '@/generated/prisma/enums'
import { twoRaterAgreement } from '@/core/agreement/two-rater-agreement'
import { fleissKappa } from '@/core/agreement/fleiss-kappa'
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

/**
 * A reviewer's own agreement with the others, and the team's, for the screening page. Only settled
 * records count (included or excluded, by agreement or by a lead), whose votes every member may already
 * read on the record's page: a record still open or in conflict adds nothing, so no figure moves with a
 * vote in a way that tells its caster how the other voted. The team's figure is Fleiss' kappa over the
 * records with the review's number of votes; one's own is Cohen's kappa of one's votes against the other
 * vote on each record.
 */
export async function agreementForReviewer(reviewId: string, userId: string, stage: ScreeningStage, votesRequired: number) {
  const votes = await prisma().vote.findMany({
    where: { item: { reviewId, stage, status: { in: ['INCLUDED', 'EXCLUDED'] } } },
    select: { itemId: true, reviewerId: true, decision: true },
  })
  const byItem = new Map<string, { reviewerId: string; decision: string }[]>()
  for (const v of votes) byItem.set(v.itemId, [...(byItem.get(v.itemId) ?? []), v])
  const mine: string[] = []
  const theirs: string[] = []
  const team: string[][] = []
  let myRecords = 0
  let myAgreed = 0
  for (const list of byItem.values()) {
    if (list.length >= 2 && list.length === votesRequired) team.push(list.map((v) => v.decision))
    const me = list.find((v) => v.reviewerId === userId)
    if (!me || list.length < 2) continue
    myRecords++
    if (list.every((v) => v.decision === me.decision)) myAgreed++
    for (const other of list) {
      if (other === me) continue
      mine.push(me.decision)
      theirs.push(other.decision)
    }
  }
  const kappaOf = (f: () => number) => {
    try {
      const k = f()
      return Number.isFinite(k) ? k : null
    } catch {
      return null
    }
  }
  const teamAgreed = team.filter((r) => r.every((x) => x === r[0])).length
  return {
    stage,
    mine: { records: myRecords, agreed: myAgreed, kappa: mine.length ? kappaOf(() => twoRaterAgreement(mine, theirs, { categories }).cohen.kappa) : null },
    team: { records: team.length, agreed: teamAgreed, kappa: team.length ? kappaOf(() => fleissKappa(team, categories).kappa) : null },
  }
}
