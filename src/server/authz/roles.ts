/**
 * Roles to permissions, as data: the one place that says who may do what in a review.
 * A review-scoped tRPC procedure declares the permission it needs (`reviewProcedure('members.invite')`);
 * the middleware loads the caller's membership and checks it here.
 */
import 'server-only'
import type { Role } from '@/generated/prisma/enums'

export const roles = ['OWNER', 'LEAD', 'REVIEWER', 'VIEWER'] as const satisfies readonly Role[]

export const roleLabels: Record<Role, string> = { OWNER: 'Owner', LEAD: 'Lead', REVIEWER: 'Reviewer', VIEWER: 'Viewer' }

export const permissions = [
  'review.read',
  'review.update',
  'members.read',
  'members.invite',
  'members.manage',
  'audit.read',
  'records.read',
  'records.import',
  'duplicates.resolve',
  'screening.vote',
  'screening.resolve',
  'screening.configure',
  'screening.stats',
  'fulltext.upload',
  'extraction.read',
  'extraction.enter',
  'extraction.configure',
  'extraction.reconcile',
  'analysis.read',
  'analysis.manage',
  'review.publish',
  'review.export',
] as const

export type Permission = (typeof permissions)[number]

const everyone: Permission[] = ['review.read', 'members.read', 'records.read', 'extraction.read', 'analysis.read']
const reviewers: Permission[] = [...everyone, 'screening.vote', 'fulltext.upload', 'extraction.enter']
const leads: Permission[] = [
  ...reviewers,
  'review.update',
  'members.invite',
  'members.manage',
  'audit.read',
  'records.import',
  'duplicates.resolve',
  'screening.resolve',
  'screening.configure',
  'screening.stats',
  'extraction.configure',
  'extraction.reconcile',
  'analysis.manage',
  'review.publish',
]

export const rolePermissions: Record<Role, readonly Permission[]> = {
  // a backup holds every vote and every draft entry, before blinding lifts: owners only
  OWNER: [...leads, 'review.export'],
  LEAD: leads,
  REVIEWER: reviewers,
  VIEWER: everyone,
}

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission)
}

/**
 * Which roles an actor may give, and whose membership they may change: only owners make or touch
 * owners; leads manage leads, reviewers and viewers.
 */
export function canAssignRole(actor: Role, role: Role): boolean {
  if (!can(actor, 'members.manage') && !can(actor, 'members.invite')) return false
  return role !== 'OWNER' || actor === 'OWNER'
}

export function canManageMember(actor: Role, target: Role): boolean {
  return can(actor, 'members.manage') && (target !== 'OWNER' || actor === 'OWNER')
}
