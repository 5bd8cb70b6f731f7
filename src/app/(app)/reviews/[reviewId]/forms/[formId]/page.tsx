import type { Metadata } from 'next'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { FormBuilder } from './form-builder'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Form' }
export const dynamic = 'force-dynamic'

export default async function FormPage({ params }: { params: Promise<{ reviewId: string; formId: string }> }) {
  const { reviewId, formId } = await params
  const caller = await serverCaller()
  const [{ role }, form] = await orNotFound(Promise.all([caller.review.get({ reviewId }), caller.forms.get({ reviewId, formId })]))
  return <FormBuilder reviewId={reviewId} initial={form} canEdit={can(role, 'extraction.configure')} />
}
