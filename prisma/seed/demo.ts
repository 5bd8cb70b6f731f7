/**
 * The demo review seeded by `npm start` on the embedded database: the liver-iron machine-learning
 * example (MRI-based liver iron quantification), clearly labelled as demo data. It is built through the
 * same services the pages use (imports, votes, conflict decisions, full-text uploads), so every page
 * shows real, consistent content.
 */
import { prisma } from '@/server/db/client'
import { demoAccounts, demoPassword } from '@/server/demo-accounts'
import { disableJobs } from '@/server/jobs/boss'
import { importRecords } from '@/server/services/records/import'
import { castVote } from '@/server/services/screening/votes'
import { resolveConflict } from '@/server/services/screening/conflicts'
import { uploadFullText } from '@/server/services/records/fulltext'
import { createTag, tagRecords } from '@/server/services/records/tags'
import { rerankReview } from '@/server/services/screening/ranking'
import { createReview, createUser } from './factories'
import { demoRecords, risFor, type DemoRecord } from './demo-records'
import { minimalPdf } from './pdf'
import { seedDemoAnalyses, seedDemoExtraction } from './demo-extraction'

export const demoSlug = 'demo-liver-iron-ml'

const searches: [string, string][] = [
  ['PubMed', '2025-09-01'],
  ['Embase', '2025-09-01'],
  ['Scopus', '2025-09-02'],
  ['Web of Science', '2025-09-02'],
  ['IEEE Xplore', '2025-09-03'],
  ['Cochrane Library', '2025-09-03'],
]

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text)
}

/** Seeds the demo once; returns false when it was already there. Uses the DATABASE_URL the services use. */
export async function seedDemo(): Promise<boolean> {
  const db = prisma()
  if (await db.review.findUnique({ where: { slug: demoSlug }, select: { id: true } })) return false
  disableJobs()
  const users = []
  for (const a of demoAccounts) {
    users.push((await db.user.findUnique({ where: { email: a.email } })) ?? (await createUser(db, { email: a.email, name: a.name, password: demoPassword, isDemo: true })))
  }
  const [owner, lead, rita, ravi] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0], (typeof users)[0]]
  const review = await createReview(db, {
    slug: demoSlug,
    isDemo: true,
    title: 'Machine and deep learning for MRI-based liver iron quantification (demo)',
    question:
      'In patients assessed for iron overload, how accurately do machine- and deep-learning methods applied to MRI quantify liver iron concentration and classify clinically relevant iron overload, compared with the reference standard (R2 or R2* relaxometry, or biopsy)?',
    members: users.map((u, i) => ({ userId: u.id, role: demoAccounts[i]!.role })),
  })
  await db.review.update({
    where: { id: review.id },
    data: {
      inclusionKeywords: ['liver iron', 'R2*', 'R2', 'LIC', 'deep learning', 'machine learning', 'convolutional', 'radiomics', 'MRI'],
      exclusionKeywords: ['CT', 'ultrasound', 'cardiac', 'brain', 'review', 'phantom'],
    },
  })
  await db.auditEvent.create({ data: { reviewId: review.id, actorId: owner.id, action: 'review.created', entity: 'Review', entityId: review.id, after: { title: review.title, seeded: true } } })

  const records = demoRecords()
  const leadActor = { userId: lead.id, reviewId: review.id }
  for (const [source, date] of searches)
    await importRecords(
      leadActor,
      { source, sourceKind: 'database', searchDate: new Date(`${date}T00:00:00Z`), fileName: `${source.toLowerCase().replace(/\s+/g, '-')}.ris` },
      bytesOf(risFor(source, records)),
    )

  await screenDemo(review.id, records, { lead: lead.id, rita: rita.id, ravi: ravi.id })
  await tagDemo(review.id, lead.id)
  await rerankReview(review.id)
  const forms = await seedDemoExtraction(review.id, { lead: lead.id, rita: rita.id, ravi: ravi.id })
  await seedDemoAnalyses(review.id, lead.id, forms)
  return true
}

async function screenDemo(reviewId: string, records: DemoRecord[], ids: { lead: string; rita: string; ravi: string }) {
  const db = prisma()
  const actor = (userId: string, role: 'LEAD' | 'REVIEWER') => ({ userId, reviewId, role })
  const rita = actor(ids.rita, 'REVIEWER')
  const ravi = actor(ids.ravi, 'REVIEWER')
  const lead = actor(ids.lead, 'LEAD')
  const reasons = await db.exclusionReason.findMany({ where: { reviewId } })
  const reasonId = (label: string) => reasons.find((r) => r.label === label)!.id
  const itemOf = async (r: DemoRecord, stage: 'TITLE_ABSTRACT' | 'FULL_TEXT') =>
    db.screeningItem.findFirst({ where: { reviewId, stage, record: { doi: `10.5555/ferrite-demo.${r.key}` } }, select: { id: true, recordId: true } })

  for (const [i, r] of records.entries()) {
    const item = await itemOf(r, 'TITLE_ABSTRACT')
    if (!item) continue
    if (r.fate === 'open') {
      if (i % 2 === 0) await castVote(rita, { itemId: item.id, decision: 'INCLUDE' })
      continue
    }
    if (r.fate === 'conflict') {
      await castVote(rita, { itemId: item.id, decision: 'INCLUDE', note: 'Uses MRI and ML, but the outcome may be chelation response, not LIC' })
      await castVote(ravi, { itemId: item.id, decision: 'EXCLUDE', note: 'Outcome is treatment response' })
      continue
    }
    const include = r.fate === 'included' || r.fate === 'excluded-fulltext'
    const unsure = r.fate === 'excluded-abstract' && i % 5 === 0
    await castVote(rita, { itemId: item.id, decision: unsure ? 'MAYBE' : include ? 'INCLUDE' : 'EXCLUDE' })
    await castVote(ravi, { itemId: item.id, decision: include ? 'INCLUDE' : 'EXCLUDE' })
    if (unsure) await resolveConflict(lead, { itemId: item.id, decision: 'EXCLUDE', note: 'Not about liver iron quantification' })
  }

  for (const r of records.filter((x) => x.fate === 'included' || x.fate === 'excluded-fulltext')) {
    const item = await itemOf(r, 'FULL_TEXT')
    if (!item) continue
    await uploadFullText(rita, item.recordId, `${r.key}.pdf`, minimalPdf(`${r.title} (demo full text)`))
    if (r.fate === 'included') {
      await castVote(rita, { itemId: item.id, decision: 'INCLUDE' })
      await castVote(ravi, { itemId: item.id, decision: 'INCLUDE' })
    } else {
      const reason = reasonId(excludedReason(r.title))
      await castVote(rita, { itemId: item.id, decision: 'EXCLUDE', exclusionReasonId: reason })
      await castVote(ravi, { itemId: item.id, decision: 'EXCLUDE', exclusionReasonId: reason })
    }
  }
}

/** The lead's tags on the included studies, by the family of method their titles name. */
async function tagDemo(reviewId: string, leadId: string) {
  const lead = { userId: leadId, reviewId, role: 'LEAD' as const }
  const included = await prisma().searchRecord.findMany({ where: { reviewId, items: { some: { stage: 'FULL_TEXT', status: 'INCLUDED' } } }, select: { id: true, title: true } })
  const deep = included.filter((r) => /deep|neural|convolutional|cnn|u-net/i.test(r.title))
  for (const [name, list] of [
    ['Deep learning', deep],
    ['Classical machine learning', included.filter((r) => !deep.includes(r))],
  ] as const) {
    if (!list.length) continue
    const tag = await createTag(lead, name)
    await tagRecords(
      lead,
      tag.id,
      list.map((r) => r.id),
      true,
    )
  }
}

function excludedReason(title: string): string {
  if (/review of techniques/.test(title)) return 'Not a primary study (review, editorial, letter)'
  if (/CT for volumetry/.test(title)) return 'Wrong population'
  if (/conference abstract/.test(title)) return 'Conference abstract only'
  if (/without a reference standard/.test(title)) return 'Wrong reference standard or comparator'
  return 'Wrong index test or intervention'
}
