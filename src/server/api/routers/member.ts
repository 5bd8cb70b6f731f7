import 'server-only'
import { z } from 'zod'
import { protectedProcedure, reviewProcedure, router } from '../trpc'
import { changeRole, leaveReview, listMembers, removeMember } from '@/server/services/members'
import { acceptInvitation, createInvitation, listPendingInvitations, previewInvitation, revokeInvitation } from '@/server/services/invitations'
import { roles } from '@/server/authz/roles'
import { actorOf as actor } from './actor'

const role = z.enum(roles)
const token = z.object({ token: z.string().min(20).max(200) })

export const memberRouter = router({
  list: reviewProcedure('members.read').query(({ ctx }) => listMembers(ctx.membership.reviewId)),
  changeRole: reviewProcedure('members.manage')
    .input(z.object({ membershipId: z.string().min(1), role }))
    .mutation(({ ctx, input }) => changeRole(actor(ctx), input.membershipId, input.role)),
  remove: reviewProcedure('members.manage')
    .input(z.object({ membershipId: z.string().min(1) }))
    .mutation(({ ctx, input }) => removeMember(actor(ctx), input.membershipId)),
  leave: reviewProcedure('review.read').mutation(({ ctx }) => leaveReview(actor(ctx))),
  invitations: reviewProcedure('members.invite').query(({ ctx }) => listPendingInvitations(ctx.membership.reviewId)),
  invite: reviewProcedure('members.invite')
    .input(z.object({ role, expiresInDays: z.number().int().min(1, 'At least 1 day.').max(30, 'At most 30 days.').default(7) }))
    .mutation(({ ctx, input }) => createInvitation(actor(ctx), input.role, input.expiresInDays)),
  revokeInvitation: reviewProcedure('members.invite')
    .input(z.object({ invitationId: z.string().min(1) }))
    .mutation(({ ctx, input }) => revokeInvitation(actor(ctx), input.invitationId)),
  previewInvitation: protectedProcedure.input(token).query(({ ctx, input }) => previewInvitation(ctx.user.id, input.token)),
  acceptInvitation: protectedProcedure.input(token).mutation(({ ctx, input }) => acceptInvitation(ctx.user.id, input.token)),
})
