/**
 * The demo review seeded by `npm start` on the embedded database: the liver-iron machine-learning
 * example (MRI-based liver iron quantification), clearly labelled as demo data.
 */
import type { PrismaClient } from '@/generated/prisma/client'
import { demoAccounts, demoPassword } from '@/server/demo-accounts'
import { createReview, createUser } from './factories'

export const demoSlug = 'demo-liver-iron-ml'

/** Seeds the demo once; returns false when it was already there. */
export async function seedDemo(db: PrismaClient): Promise<boolean> {
  if (await db.review.findUnique({ where: { slug: demoSlug }, select: { id: true } })) return false
  const users = []
  for (const a of demoAccounts) {
    users.push((await db.user.findUnique({ where: { email: a.email } })) ?? (await createUser(db, { email: a.email, name: a.name, password: demoPassword, isDemo: true })))
  }
  const review = await createReview(db, {
    slug: demoSlug,
    isDemo: true,
    title: 'Machine and deep learning for MRI-based liver iron quantification (demo)',
    question:
      'In patients assessed for iron overload, how accurately do machine- and deep-learning methods applied to MRI quantify liver iron concentration and classify clinically relevant iron overload, compared with the reference standard (R2 or R2* relaxometry, or biopsy)?',
    members: users.map((u, i) => ({ userId: u.id, role: demoAccounts[i]!.role })),
  })
  await db.auditEvent.create({ data: { reviewId: review.id, actorId: users[0]!.id, action: 'review.created', entity: 'Review', entityId: review.id, after: { title: review.title, seeded: true } } })
  return true
}
