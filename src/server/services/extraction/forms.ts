/**
 * Extraction forms and quality tools of a review. A form starts from a shipped template or tool and is
 * changed by saving a new version: versions are immutable, so entries made under an earlier version keep
 * their values (matched by field id).
 */
import 'server-only'
import type { FormKind } from '@/generated/prisma/enums'
import type { FormDefinition } from '@/core/forms/definition'
import { checkDefinition } from '@/core/forms/validate-definition'
import { formDefinitionSchema } from '@/core/forms/definition-schema'
import { extractionTemplates, type ExtractionTemplateKey } from '@/core/forms/templates'
import { qualityTools, type QualityToolKey } from '@/core/quality/tools'
import { prisma, type Tx } from '@/server/db/client'
import { AppError, notFound } from '@/server/errors'
import { recordAudit } from '../audit'
import type { ScreeningActor } from '../screening/types'
import { publishChange } from '@/server/live/changes'

export const templatesFor = (kind: FormKind) => (kind === 'QUALITY' ? qualityTools : extractionTemplates) as Record<string, { name: string; definition: FormDefinition }>

/** A form from a template; `definition` (the demo seed's own form) replaces the template's fields. */
export async function createForm(actor: ScreeningActor, input: { kind: FormKind; templateKey: ExtractionTemplateKey | QualityToolKey; name?: string; definition?: FormDefinition }) {
  const template = templatesFor(input.kind)[input.templateKey]
  if (!template) throw new AppError('BAD_REQUEST', `There is no ${input.kind === 'QUALITY' ? 'quality tool' : 'template'} called "${input.templateKey}".`)
  return prisma().$transaction(async (tx) => {
    const form = await tx.form.create({
      data: {
        reviewId: actor.reviewId,
        kind: input.kind,
        name: input.name?.trim() || template.name,
        templateKey: input.templateKey,
        versions: { create: { version: 1, definition: (input.definition ?? template.definition) as object, createdById: actor.userId } },
      },
    })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'form.created',
      entity: 'Form',
      entityId: form.id,
      after: { kind: input.kind, name: form.name, templateKey: input.templateKey },
    })
    return form
  })
}

export async function listForms(reviewId: string) {
  const forms = await prisma().form.findMany({
    where: { reviewId },
    orderBy: [{ kind: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, kind: true, name: true, templateKey: true, versions: { orderBy: { version: 'desc' }, take: 1, select: { id: true, version: true, createdAt: true } } },
  })
  return forms.map(({ versions, ...f }) => ({ ...f, latest: versions[0]! }))
}

/** A form and its newest version; inside a transaction pass it (the embedded database has one connection). */
export async function latestVersion(reviewId: string, formId: string, db: Tx = prisma()) {
  const form = await db.form.findFirst({
    where: { id: formId, reviewId },
    select: { id: true, kind: true, name: true, templateKey: true, versions: { orderBy: { version: 'desc' }, take: 1 } },
  })
  if (!form) throw notFound('Form')
  const v = form.versions[0]!
  const definition = formDefinitionSchema.safeParse(v.definition)
  if (!definition.success) throw new AppError('PRECONDITION_FAILED', `Version ${v.version} of the form "${form.name}" cannot be read: ${definition.error.issues[0]!.message}.`)
  return { form: { id: form.id, kind: form.kind, name: form.name, templateKey: form.templateKey }, versionId: v.id, version: v.version, definition: definition.data }
}

export async function saveFormVersion(actor: ScreeningActor, formId: string, input: { name?: string; definition: FormDefinition }) {
  const current = await latestVersion(actor.reviewId, formId)
  const problems = checkDefinition(input.definition, current.definition)
  if (problems.length) throw new AppError('BAD_REQUEST', problems.join(' '), { definition: problems })
  const same = JSON.stringify(current.definition) === JSON.stringify(input.definition)
  const result = await prisma().$transaction(async (tx) => {
    if (input.name && input.name.trim() !== current.form.name) await tx.form.update({ where: { id: formId }, data: { name: input.name.trim() } })
    if (same) return { version: current.version, changed: false }
    const v = await tx.formVersion.create({ data: { formId, version: current.version + 1, definition: input.definition as object, createdById: actor.userId } })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'form.version_saved',
      entity: 'Form',
      entityId: formId,
      before: { version: current.version },
      after: { version: v.version },
    })
    return { version: v.version, changed: true }
  })
  if (result.changed) publishChange(actor.reviewId, 'forms')
  return result
}
