/**
 * When a record's votes settle it: the rule Covidence and Rayyan users expect. A record needs the
 * review's number of votes from different reviewers; unanimous include or exclude resolves it
 * ("agreement"); any disagreement or a "maybe" sends it to the conflicts queue for a lead. At full
 * text, reviewers who exclude must also agree on the reason (PRISMA counts exclusions per reason).
 * A conflict is decided by a lead and by no one else: once a record's votes have disagreed, a reviewer
 * who changes a vote to match the other's does not resolve it (they may still change or withdraw it; the
 * lead sees the votes as they stand).
 */
import 'server-only'
import type { ItemStatus, ScreeningStage, VoteDecision } from '@/generated/prisma/enums'
import { reviewTypeInfo } from '@/core/review-types'

export interface VoteLike {
  decision: VoteDecision
  exclusionReasonId: string | null
}

export interface Evaluation {
  status: ItemStatus
  exclusionReasonId: string | null
}

export function evaluateVotes(votes: readonly VoteLike[], votesRequired: number, stage: ScreeningStage): Evaluation {
  if (votes.length < votesRequired) return { status: 'OPEN', exclusionReasonId: null }
  const decisions = new Set(votes.map((v) => v.decision))
  if (decisions.size === 1 && decisions.has('INCLUDE')) return { status: 'INCLUDED', exclusionReasonId: null }
  if (decisions.size === 1 && decisions.has('EXCLUDE')) {
    if (stage === 'TITLE_ABSTRACT') return { status: 'EXCLUDED', exclusionReasonId: null }
    const reasons = new Set(votes.map((v) => v.exclusionReasonId))
    if (reasons.size === 1) return { status: 'EXCLUDED', exclusionReasonId: votes[0]!.exclusionReasonId }
  }
  return { status: 'CONFLICT', exclusionReasonId: null }
}

/** The status an item's votes give it, from the status it had: a conflict stays one until a lead decides. */
export function settleVotes(previous: ItemStatus, votes: readonly VoteLike[], votesRequired: number, stage: ScreeningStage): Evaluation {
  if (previous === 'CONFLICT') return { status: 'CONFLICT', exclusionReasonId: null }
  return evaluateVotes(votes, votesRequired, stage)
}

export const isResolved = (status: ItemStatus) => status === 'INCLUDED' || status === 'EXCLUDED'

/**
 * Blinding: may this viewer see other reviewers' votes on an item? Always once it is resolved or when
 * the review is not blinded; a conflict is open to those who resolve conflicts; otherwise only one's own.
 */
export function othersVotesVisible(status: ItemStatus, blind: boolean, canResolve: boolean): boolean {
  return !blind || isResolved(status) || (status === 'CONFLICT' && canResolve)
}

/**
 * The status a viewer may see. In a blinded review a reviewer who does not resolve conflicts sees one
 * status, OPEN, for every record not yet decided: a record waiting for others' votes and a record whose
 * votes disagree look the same, in every answer, list, filter and count.
 */
export function visibleStatus(status: ItemStatus, blind: boolean, canResolve: boolean): ItemStatus {
  if (status === 'CONFLICT' && blind && !canResolve) return 'OPEN'
  return status
}

/** The statuses a viewer's "open" filter covers (see visibleStatus). */
export function statusesShownAsOpen(blind: boolean, canResolve: boolean): ItemStatus[] {
  return blind && !canResolve ? ['OPEN', 'CONFLICT'] : ['OPEN']
}

export const defaultExclusionReasons = reviewTypeInfo.other.exclusionReasons
