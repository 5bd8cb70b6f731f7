import 'server-only'
import { prisma } from '@/server/db/client'
import { can } from '@/server/authz/roles'
import { listExclusionReasons } from './settings'
import type { ScreeningActor } from './types'

/** What the screening pages need once: settings, the keywords to highlight, the reasons, and what this member may do. */
export async function screeningContext(actor: ScreeningActor) {
  const [review, reasons] = await Promise.all([
    prisma().review.findUniqueOrThrow({
      where: { id: actor.reviewId },
      select: { votesRequired: true, blindScreening: true, inclusionKeywords: true, exclusionKeywords: true, eligibilityCriteria: true },
    }),
    listExclusionReasons(actor.reviewId),
  ])
  return {
    ...review,
    reasons,
    canVote: can(actor.role, 'screening.vote'),
    canResolve: can(actor.role, 'screening.resolve'),
    canImport: can(actor.role, 'records.import'),
    canUpload: can(actor.role, 'fulltext.upload'),
    canSeeStatistics: can(actor.role, 'screening.stats'),
  }
}
