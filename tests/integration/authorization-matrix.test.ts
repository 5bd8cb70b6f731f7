/**
 * Every review-scoped procedure x {no session, non-member, viewer, reviewer, lead, owner}: the
 * expected answer comes from the role table (authz/roles.ts), and every procedure of the router must
 * be listed here, so a new procedure cannot ship without its row.
 */
import { describe, expect, it } from 'vitest'
import { appRouter, createCaller } from '@/server/api/root'
import { endSession, startSession } from '@/server/auth/sessions'
import { can, type Permission } from '@/server/authz/roles'
import { prisma } from '@/server/db/client'
import { createInvitation } from '@/server/services/invitations'
import { callerFor, outcome, reviewWithTeam } from '../helpers/fixtures'
import { createImport, createRecord } from '../../prisma/seed/factories'

type Team = Awaited<ReturnType<typeof reviewWithTeam>> & {
  invitationId: string
  token: string
  recordId: string
  itemId: string
  conflictItemId: string
  fullTextRecordId: string
  groupId: string
  duplicateRecordId: string
  reasonId: string
  formId: string
  qualityFormId: string
  studyFor: (actor: ActorName) => string
  spareStudyId: string
  looseReportId: string
  secondReportId: string
  analysisId: string
  searchId: string
  tagId: string
}
type Caller = ReturnType<typeof callerFor>

const all = ['OWNER', 'LEAD', 'REVIEWER', 'VIEWER'] as const
const leads = ['OWNER', 'LEAD'] as const
const voters = ['OWNER', 'LEAD', 'REVIEWER'] as const

/**
 * For each review-scoped procedure: the roles allowed (written out here as the specification, not
 * read from roles.ts) and a call that succeeds for any of them.
 */
const reviewScoped: Record<string, { allowed: readonly string[]; call: (c: Caller, t: Team, actor: ActorName) => Promise<unknown> }> = {
  'review.get': { allowed: all, call: (c, t) => c.review.get({ reviewId: t.review.id }) },
  'review.update': { allowed: leads, call: (c, t) => c.review.update({ reviewId: t.review.id, patch: { votesRequired: 3 } }) },
  'review.dashboard': { allowed: all, call: (c, t) => c.review.dashboard({ reviewId: t.review.id }) },
  'review.auditLog': { allowed: leads, call: (c, t) => c.review.auditLog({ reviewId: t.review.id }) },
  'member.list': { allowed: all, call: (c, t) => c.member.list({ reviewId: t.review.id }) },
  'member.changeRole': {
    allowed: leads,
    call: (c, t) => c.member.changeRole({ reviewId: t.review.id, membershipId: t.membershipOf(t.users.target.id).id, role: 'VIEWER' }),
  },
  'member.remove': { allowed: leads, call: (c, t) => c.member.remove({ reviewId: t.review.id, membershipId: t.membershipOf(t.users.target.id).id }) },
  'member.leave': { allowed: all, call: (c, t) => c.member.leave({ reviewId: t.review.id }) },
  'member.invitations': { allowed: leads, call: (c, t) => c.member.invitations({ reviewId: t.review.id }) },
  'member.invite': { allowed: leads, call: (c, t) => c.member.invite({ reviewId: t.review.id, role: 'REVIEWER' }) },
  'member.revokeInvitation': { allowed: leads, call: (c, t) => c.member.revokeInvitation({ reviewId: t.review.id, invitationId: t.invitationId }) },
  'records.search': { allowed: all, call: (c, t) => c.records.search({ reviewId: t.review.id, q: 'liver' }) },
  'records.detail': { allowed: all, call: (c, t) => c.records.detail({ reviewId: t.review.id, recordId: t.recordId }) },
  'records.imports': { allowed: all, call: (c, t) => c.records.imports({ reviewId: t.review.id }) },
  'records.duplicates': { allowed: all, call: (c, t) => c.records.duplicates({ reviewId: t.review.id }) },
  'records.confirmDuplicates': { allowed: leads, call: (c, t) => c.records.confirmDuplicates({ reviewId: t.review.id, groupId: t.groupId }) },
  'records.confirmExactLooking': { allowed: leads, call: (c, t) => c.records.confirmExactLooking({ reviewId: t.review.id }) },
  'records.keepDuplicate': { allowed: leads, call: (c, t) => c.records.keepDuplicate({ reviewId: t.review.id, groupId: t.groupId, recordId: t.duplicateRecordId }) },
  'records.tags': { allowed: all, call: (c, t) => c.records.tags({ reviewId: t.review.id }) },
  'records.recordTags': { allowed: all, call: (c, t) => c.records.recordTags({ reviewId: t.review.id, recordId: t.recordId }) },
  'records.createTag': { allowed: voters, call: (c, t) => c.records.createTag({ reviewId: t.review.id, name: 'Pediatric' }) },
  'records.renameTag': { allowed: leads, call: (c, t) => c.records.renameTag({ reviewId: t.review.id, tagId: t.tagId, name: 'Randomised' }) },
  'records.deleteTag': { allowed: leads, call: (c, t) => c.records.deleteTag({ reviewId: t.review.id, tagId: t.tagId }) },
  'records.tag': { allowed: voters, call: (c, t) => c.records.tag({ reviewId: t.review.id, tagId: t.tagId, recordIds: [t.recordId], on: true }) },
  'records.matchFullTexts': { allowed: voters, call: (c, t) => c.records.matchFullTexts({ reviewId: t.review.id, fileNames: ['10.1000_x.pdf'] }) },
  'records.separateDuplicate': { allowed: leads, call: (c, t) => c.records.separateDuplicate({ reviewId: t.review.id, groupId: t.groupId, recordId: t.duplicateRecordId }) },
  'records.setNotRetrieved': { allowed: leads, call: (c, t) => c.records.setNotRetrieved({ reviewId: t.review.id, recordId: t.fullTextRecordId, notRetrieved: true }) },
  'screening.context': { allowed: all, call: (c, t) => c.screening.context({ reviewId: t.review.id }) },
  'screening.next': { allowed: voters, call: (c, t) => c.screening.next({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' }) },
  'screening.skip': { allowed: voters, call: (c, t) => c.screening.skip({ reviewId: t.review.id, itemId: t.itemId }) },
  'screening.item': { allowed: all, call: (c, t) => c.screening.item({ reviewId: t.review.id, itemId: t.itemId }) },
  'screening.vote': { allowed: voters, call: (c, t) => c.screening.vote({ reviewId: t.review.id, itemId: t.itemId, decision: 'INCLUDE' }) },
  'screening.withdraw': {
    allowed: voters,
    call: async (c, t) => {
      await c.screening.vote({ reviewId: t.review.id, itemId: t.itemId, decision: 'MAYBE' })
      return c.screening.withdraw({ reviewId: t.review.id, itemId: t.itemId })
    },
  },
  'screening.changes': {
    allowed: all,
    call: async (c, t) => {
      const stream = await c.screening.changes({ reviewId: t.review.id })
      const iterator = stream[Symbol.asyncIterator]()
      await iterator.return?.()
    },
  },
  'screening.progress': { allowed: all, call: (c, t) => c.screening.progress({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' }) },
  'screening.conflicts': { allowed: leads, call: (c, t) => c.screening.conflicts({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' }) },
  'screening.myAgreement': { allowed: voters, call: (c, t) => c.screening.myAgreement({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' }) },
  'screening.resolve': { allowed: leads, call: (c, t) => c.screening.resolve({ reviewId: t.review.id, itemId: t.conflictItemId, decision: 'EXCLUDE', note: 'Wrong population' }) },
  'screening.conflictPatterns': { allowed: leads, call: (c, t) => c.screening.conflictPatterns({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' }) },
  'screening.resolveBulk': { allowed: leads, call: (c, t) => c.screening.resolveBulk({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT', pattern: 'include-maybe', decision: 'INCLUDE' }) },
  'screening.statistics': { allowed: leads, call: (c, t) => c.screening.statistics({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' }) },
  'screening.ranking': { allowed: leads, call: (c, t) => c.screening.ranking({ reviewId: t.review.id }) },
  'screening.activity': { allowed: leads, call: (c, t) => c.screening.activity({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' }) },
  'screening.recallHistory': { allowed: leads, call: (c, t) => c.screening.recallHistory({ reviewId: t.review.id }) },
  'screeningSettings.reasons': { allowed: leads, call: (c, t) => c.screeningSettings.reasons({ reviewId: t.review.id }) },
  'screeningSettings.addReason': { allowed: leads, call: (c, t) => c.screeningSettings.addReason({ reviewId: t.review.id, label: 'No MRI' }) },
  'screeningSettings.updateReason': { allowed: leads, call: (c, t) => c.screeningSettings.updateReason({ reviewId: t.review.id, reasonId: t.reasonId, label: 'Wrong patients' }) },
  'screeningSettings.setKeywords': { allowed: leads, call: (c, t) => c.screeningSettings.setKeywords({ reviewId: t.review.id, inclusion: ['MRI'], exclusion: ['CT'] }) },
  'studies.list': { allowed: all, call: (c, t) => c.studies.list({ reviewId: t.review.id }) },
  'studies.rename': { allowed: leads, call: (c, t) => c.studies.rename({ reviewId: t.review.id, studyId: t.studyFor('owner'), label: 'Renamed 2020' }) },
  'studies.linkReport': { allowed: leads, call: (c, t) => c.studies.linkReport({ reviewId: t.review.id, studyId: t.studyFor('owner'), recordId: t.looseReportId }) },
  'studies.unlinkReport': { allowed: leads, call: (c, t) => c.studies.unlinkReport({ reviewId: t.review.id, recordId: t.secondReportId }) },
  'studies.assign': { allowed: leads, call: (c, t) => c.studies.assign({ reviewId: t.review.id, studyId: t.spareStudyId, formId: t.formId, userIds: [t.users.reviewer.id] }) },
  'studies.autoAssign': { allowed: leads, call: (c, t) => c.studies.autoAssign({ reviewId: t.review.id, formId: t.formId }) },
  'studies.mine': { allowed: voters, call: (c, t) => c.studies.mine({ reviewId: t.review.id }) },
  'forms.list': { allowed: all, call: (c, t) => c.forms.list({ reviewId: t.review.id }) },
  'forms.get': { allowed: all, call: (c, t) => c.forms.get({ reviewId: t.review.id, formId: t.formId }) },
  'forms.create': { allowed: leads, call: (c, t) => c.forms.create({ reviewId: t.review.id, kind: 'QUALITY', templateKey: 'quadas2' }) },
  'forms.saveVersion': {
    allowed: leads,
    call: async (c, t) =>
      c.forms.saveVersion({
        reviewId: t.review.id,
        formId: t.formId,
        name: 'Renamed form',
        definition: (await callerFor(t.users.owner).forms.get({ reviewId: t.review.id, formId: t.formId })).definition,
      }),
  },
  'forms.qualitySummary': { allowed: all, call: (c, t) => c.forms.qualitySummary({ reviewId: t.review.id, formId: t.qualityFormId }) },
  'entries.mine': { allowed: voters, call: (c, t, a) => c.entries.mine({ reviewId: t.review.id, studyId: t.studyFor(a), formId: t.formId }) },
  'entries.save': { allowed: voters, call: (c, t, a) => c.entries.save({ reviewId: t.review.id, studyId: t.studyFor(a), formId: t.formId, values: { study: { country: 'Italy' } } }) },
  'entries.reopen': {
    allowed: voters,
    call: async (c, t, a) => {
      const key = { reviewId: t.review.id, studyId: t.studyFor(a), formId: t.formId }
      await c.entries.save({ ...key, values: submittable, submit: true })
      return c.entries.reopen(key)
    },
  },
  'entries.comparison': { allowed: voters, call: (c, t, a) => c.entries.comparison({ reviewId: t.review.id, studyId: t.studyFor(a), formId: t.formId }) },
  'entries.noteConsensus': {
    allowed: leads,
    call: async (c, t, a) => {
      const key = { reviewId: t.review.id, studyId: t.studyFor(a), formId: t.formId }
      await prisma().consensusValue.create({
        data: {
          studyId: key.studyId,
          formId: key.formId,
          formVersionId: (await prisma().formVersion.findFirstOrThrow({ where: { formId: key.formId } })).id,
          path: 'study.country',
          value: 'Italy',
          source: 'manual',
          entered: [],
        },
      })
      return c.entries.noteConsensus({ ...key, path: 'study.country', note: 'Methods section, not the abstract' })
    },
  },
  'entries.setConsensus': {
    allowed: leads,
    call: async (c, t, a) => {
      const key = { reviewId: t.review.id, studyId: t.studyFor(a), formId: t.formId }
      await c.entries.save({ ...key, values: submittable, submit: true })
      await callerFor(t.users.target).entries.save({ ...key, values: submittable, submit: true })
      return c.entries.setConsensus({ ...key, path: 'study.country', choice: { source: 'manual', value: 'Italy' } })
    },
  },
  'analyses.list': { allowed: all, call: (c, t) => c.analyses.list({ reviewId: t.review.id }) },
  'analyses.result': { allowed: all, call: (c, t) => c.analyses.result({ reviewId: t.review.id, analysisId: t.analysisId }) },
  'analyses.save': {
    allowed: leads,
    call: (c, t) => c.analyses.save({ reviewId: t.review.id, name: 'Accuracy', spec: { kind: 'dta', formId: t.formId, source: { sectionId: 'index_tests', fieldId: 'two_by_two' } } }),
  },
  'analyses.duplicate': { allowed: leads, call: (c, t) => c.analyses.duplicate({ reviewId: t.review.id, analysisId: t.analysisId }) },
  'analyses.delete': { allowed: leads, call: (c, t) => c.analyses.delete({ reviewId: t.review.id, analysisId: t.analysisId }) },
  'analyses.prismaFlow': { allowed: all, call: (c, t) => c.analyses.prismaFlow({ reviewId: t.review.id }) },
  'analyses.changes': {
    allowed: all,
    call: async (c, t) => {
      const stream = await c.analyses.changes({ reviewId: t.review.id })
      const iterator = stream[Symbol.asyncIterator]()
      await iterator.return?.()
    },
  },
  'publication.versions': { allowed: all, call: (c, t) => c.publication.versions({ reviewId: t.review.id }) },
  'publication.history': { allowed: all, call: (c, t) => c.publication.history({ reviewId: t.review.id }) },
  'publication.preview': { allowed: all, call: (c, t) => c.publication.preview({ reviewId: t.review.id }) },
  'searches.list': { allowed: all, call: (c, t) => c.searches.list({ reviewId: t.review.id }) },
  'searches.runs': { allowed: all, call: (c, t) => c.searches.runs({ reviewId: t.review.id, searchId: t.searchId }) },
  'searches.living': { allowed: all, call: (c, t) => c.searches.living({ reviewId: t.review.id }) },
  'searches.create': { allowed: leads, call: (c, t) => c.searches.create({ reviewId: t.review.id, service: 'pubmed', query: 'liver iron AND MRI' }) },
  'searches.update': { allowed: leads, call: (c, t) => c.searches.update({ reviewId: t.review.id, searchId: t.searchId, schedule: { every: 1, unit: 'week' } }) },
  'searches.runNow': { allowed: leads, call: (c, t) => c.searches.runNow({ reviewId: t.review.id, searchId: t.searchId }) },
  'publication.publish': { allowed: leads, call: (c, t) => c.publication.publish({ reviewId: t.review.id, notes: 'A version for the matrix test.' }) },
}

const submittable = { population: { population: 'Adults' }, reference: { reference_standard: 'biopsy' }, index_tests: [{ name: 'CNN', algorithm: 'cnn' }] }

/** Signed-in procedures not scoped to a review: refused without a session. */
const signedIn: Record<string, (c: Caller, t: Team) => Promise<unknown>> = {
  'account.me': (c) => c.account.me(),
  'account.updateProfile': (c) => c.account.updateProfile({ name: 'Someone' }),
  'account.changePassword': (c) => c.account.changePassword({ currentPassword: 'correct horse battery', newPassword: 'another long password' }),
  'account.signOutElsewhere': (c) => c.account.signOutElsewhere(),
  'review.list': (c) => c.review.list(),
  'review.create': (c) => c.review.create({ title: 'A new review', question: 'Does it work in adults?' }),
  'member.previewInvitation': (c, t) => c.member.previewInvitation({ token: t.token }),
  'member.acceptInvitation': (c, t) => c.member.acceptInvitation({ token: t.token }),
}

const open = new Set(['account.signUp'])

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { permission?: Permission } } }>

const actors = ['anonymous', 'outsider', 'viewer', 'reviewer', 'lead', 'owner'] as const
type ActorName = (typeof actors)[number]
const roleOf = { viewer: 'VIEWER', reviewer: 'REVIEWER', lead: 'LEAD', owner: 'OWNER' } as const

async function team(): Promise<Team> {
  const t = await reviewWithTeam()
  const inv = await createInvitation({ userId: t.users.owner.id, role: 'OWNER', reviewId: t.review.id }, 'REVIEWER', 7)
  const db = prisma()
  const batch = await createImport(db, t.review.id, t.users.owner.id)
  const open = await createRecord(db, batch)
  const conflict = await createRecord(db, batch)
  await db.screeningItem.update({ where: { id: conflict.item!.id }, data: { status: 'CONFLICT', voteCount: 2 } })
  const fullText = await createRecord(db, batch)
  await db.screeningItem.update({ where: { id: fullText.item!.id }, data: { status: 'INCLUDED', voteCount: 2, resolution: 'AGREEMENT' } })
  await db.screeningItem.create({ data: { reviewId: t.review.id, recordId: fullText.record.id, stage: 'FULL_TEXT' } })
  const primary = await createRecord(db, batch, { title: 'Deep learning for R2* liver iron', doi: '10.1/dup' })
  const duplicate = await createRecord(db, batch, { title: 'Deep learning for R2* liver iron.', screen: false })
  const group = await db.duplicateGroup.create({ data: { reviewId: t.review.id, primaryRecordId: primary.record.id, reason: 'title', status: 'PENDING', similarity: 0.97 } })
  await db.searchRecord.updateMany({ where: { id: { in: [primary.record.id, duplicate.record.id] } }, data: { duplicateGroupId: group.id } })
  const reason = await db.exclusionReason.findFirstOrThrow({ where: { reviewId: t.review.id } })
  // Extraction: a form, a study per member who can extract (assigned with a partner), a spare study, reports to move.
  const lead = callerFor(t.users.owner)
  const form = await lead.forms.create({ reviewId: t.review.id, kind: 'EXTRACTION', templateKey: 'diagnostic_accuracy' })
  const quality = await lead.forms.create({ reviewId: t.review.id, kind: 'QUALITY', templateKey: 'quadas2' })
  const study = async (label: string, extra = false) => {
    const r = await createRecord(db, batch, { screen: false })
    const s = await db.study.create({ data: { reviewId: t.review.id, label, reports: { create: { recordId: r.record.id } } } })
    const second = extra ? await createRecord(db, batch, { screen: false }) : null
    if (second) await db.studyReport.create({ data: { studyId: s.id, recordId: second.record.id } })
    return { id: s.id, secondReportId: second?.record.id ?? '' }
  }
  const studies: Record<string, string> = {}
  for (const name of ['owner', 'lead', 'reviewer'] as const) {
    studies[name] = (await study(`${name} 2020`)).id
    await lead.studies.assign({ reviewId: t.review.id, studyId: studies[name]!, formId: form.id, userIds: [t.users[name].id, t.users.target.id] })
  }
  const spare = await study('Spare 2021', true)
  const loose = await study('Loose 2022')
  return {
    ...t,
    invitationId: inv.id,
    token: inv.token,
    recordId: open.record.id,
    itemId: open.item!.id,
    conflictItemId: conflict.item!.id,
    fullTextRecordId: fullText.record.id,
    groupId: group.id,
    duplicateRecordId: duplicate.record.id,
    reasonId: reason.id,
    formId: form.id,
    qualityFormId: quality.id,
    studyFor: (actor) => studies[actor] ?? studies.owner!,
    spareStudyId: spare.id,
    looseReportId: (await db.studyReport.findFirstOrThrow({ where: { studyId: loose.id } })).recordId,
    secondReportId: spare.secondReportId,
    tagId: (await db.tag.create({ data: { reviewId: t.review.id, name: 'RCT', createdById: t.users.owner.id } })).id,
    searchId: (await db.savedSearch.create({ data: { reviewId: t.review.id, service: 'europepmc', query: 'liver iron', createdById: t.users.owner.id } })).id,
    analysisId: (await lead.analyses.save({ reviewId: t.review.id, name: 'Accuracy', spec: { kind: 'dta', formId: form.id, source: { sectionId: 'index_tests', fieldId: 'two_by_two' } } })).id,
  }
}

const userFor = (t: Team, actor: ActorName) => (actor === 'anonymous' ? null : t.users[actor])

describe('authorisation matrix', () => {
  it('lists every procedure of the router in exactly one table, with the declared permission', () => {
    for (const [path, proc] of Object.entries(procedures)) {
      const scoped = path in reviewScoped
      expect(scoped || path in signedIn || open.has(path), `${path} is not in the authorisation matrix`).toBe(true)
      expect(Boolean(proc._def.meta?.permission), `${path}: review-scoped procedures declare a permission`).toBe(scoped)
    }
    for (const path of [...Object.keys(reviewScoped), ...Object.keys(signedIn), ...open]) expect(procedures[path], `${path} no longer exists`).toBeDefined()
  })

  for (const [path, { allowed, call }] of Object.entries(reviewScoped)) {
    const permission = procedures[path]?._def.meta?.permission as Permission
    it.each(actors)(`${path} (${permission}) as %s`, async (actor) => {
      const t = await team()
      const result = await outcome(() => call(callerFor(userFor(t, actor)), t, actor))
      const expected = actor === 'anonymous' ? 'UNAUTHORIZED' : actor === 'outsider' ? 'NOT_FOUND' : allowed.includes(roleOf[actor]) ? 'OK' : 'FORBIDDEN'
      expect(result).toBe(expected)
      if (actor in roleOf) expect(can(roleOf[actor as keyof typeof roleOf], permission), 'roles.ts agrees with this table').toBe(allowed.includes(roleOf[actor as keyof typeof roleOf]))
    })
  }

  for (const [path, call] of Object.entries(signedIn)) {
    it(`${path} refuses a caller without a session and serves a signed-in one`, async () => {
      const t = await team()
      expect(await outcome(() => call(callerFor(null), t))).toBe('UNAUTHORIZED')
      expect(await outcome(() => call(callerFor(t.users.outsider), t))).toBe('OK')
    })
  }

  it('refuses a session whose account was deleted', async () => {
    const t = await team()
    const caller = callerFor(t.users.outsider)
    expect(await outcome(() => caller.review.list())).toBe('OK')
    await prisma().user.delete({ where: { id: t.users.outsider.id } })
    expect(await outcome(() => caller.review.list())).toBe('UNAUTHORIZED')
  })

  it('refuses a session that has ended, and a token that names no session', async () => {
    const t = await team()
    const sessionId = await startSession(t.users.reviewer.id)
    const caller = createCaller({ user: { id: t.users.reviewer.id, sessionId } })
    expect(await outcome(() => caller.review.get({ reviewId: t.review.id }))).toBe('OK')
    await endSession(sessionId)
    expect(await outcome(() => caller.review.get({ reviewId: t.review.id }))).toBe('UNAUTHORIZED')
    expect(await outcome(() => caller.review.list())).toBe('UNAUTHORIZED')
    // a session id is bound to its account: another account's session does not stand in for it
    const other = await startSession(t.users.owner.id)
    expect(await outcome(() => createCaller({ user: { id: t.users.reviewer.id, sessionId: other } }).review.list())).toBe('UNAUTHORIZED')
    expect(await outcome(() => createCaller({ user: { id: t.users.reviewer.id } }).review.list())).toBe('UNAUTHORIZED')
  })
})
