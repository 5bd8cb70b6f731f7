'use client'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { FormError } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { reviewTypeInfo, type ReviewType } from '@/core/review-types'

const templates = [
  {
    kind: 'EXTRACTION',
    key: 'diagnostic_accuracy',
    name: 'Diagnostic accuracy study',
    about: 'Participants, reference standard, target condition; per index test and threshold: a 2x2 table, correlation and mean difference with the reference standard.',
  },
  { kind: 'EXTRACTION', key: 'correlation', name: 'Correlation study', about: 'Correlation coefficients with n, per subgroup.' },
  { kind: 'EXTRACTION', key: 'prevalence', name: 'Prevalence study', about: 'Population, condition and case definition; cases / participants per subgroup or time point.' },
  { kind: 'EXTRACTION', key: 'intervention', name: 'Intervention study', about: 'Dichotomous (events/total) and continuous (mean, SD, n) outcomes per arm.' },
  { kind: 'QUALITY', key: 'quadas2', name: 'QUADAS-2', about: 'Risk of bias and applicability of diagnostic accuracy studies (Whiting 2011), four domains.' },
  { kind: 'QUALITY', key: 'rob2', name: 'RoB 2', about: 'Risk of bias in randomised trials (Sterne 2019), five domains and overall.' },
] as const

export function FormsList({ reviewId, canConfigure, reviewType }: { reviewId: string; canConfigure: boolean; reviewType: string }) {
  const trpc = useTRPC()
  const router = useRouter()
  const forms = useQuery(trpc.forms.list.queryOptions({ reviewId }))
  const info = reviewTypeInfo[reviewType as ReviewType] ?? reviewTypeInfo.other
  const suggested = new Set<string>([info.template, info.qualityTool].filter((k): k is NonNullable<typeof k> => k !== null))
  const ordered = [...templates].sort((a, b) => Number(suggested.has(b.key)) - Number(suggested.has(a.key)))
  const create = useMutation(trpc.forms.create.mutationOptions({ onSuccess: (f) => router.push(`/reviews/${reviewId}/forms/${f.id}`) }))
  return (
    <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
      <Card>
        <CardHeader title="Forms and tools of this review" description="Each study is entered with each form by two people; only agreed values reach the analyses." />
        <ul className="divide-y divide-stone-100">
          {(forms.data ?? []).map((f) => (
            <li key={f.id} className="flex flex-wrap items-center gap-3 px-4 py-2.5 text-ui">
              <span className="font-medium">{f.name}</span>
              <Badge tone={f.kind === 'QUALITY' ? 'accent' : 'neutral'}>{f.kind === 'QUALITY' ? 'quality tool' : 'extraction form'}</Badge>
              <span className="text-stone-600">version {f.latest.version}</span>
              <span className="ml-auto flex gap-3">
                <Link className="font-medium text-accent-700 underline underline-offset-2" href={`/reviews/${reviewId}/forms/${f.id}`}>
                  {canConfigure ? 'Edit' : 'View'}
                </Link>
                <a className="font-medium text-accent-700 underline underline-offset-2" href={`/api/reviews/${reviewId}/forms/${f.id}/export?format=csv`}>
                  Agreed data (CSV)
                </a>
                <a className="font-medium text-accent-700 underline underline-offset-2" href={`/api/reviews/${reviewId}/forms/${f.id}/export?format=json`}>
                  JSON
                </a>
              </span>
            </li>
          ))}
        </ul>
        {forms.data?.length === 0 ? <p className="px-4 py-6 text-center text-stone-600">No forms yet.</p> : null}
      </Card>
      {canConfigure ? (
        <Card>
          <CardHeader title="Start from a template" description="You can change every section and field afterwards; changes make a new version and keep what was entered." />
          <CardBody className="space-y-2">
            <FormError message={formErrors(create.error).message} />
            {ordered.map((t) => (
              <div key={t.key} className="flex items-start gap-3 rounded-md border border-stone-200 p-3" data-testid={`template-${t.key}`}>
                <div className="flex-1">
                  <p className="font-medium">
                    {t.name} {suggested.has(t.key) ? <Badge tone="accent">Suggested for this review</Badge> : null}
                  </p>
                  <p className="text-xs text-stone-600">{t.about}</p>
                </div>
                <Button
                  size="sm"
                  variant="secondary"
                  pending={create.isPending && create.variables?.templateKey === t.key}
                  onClick={() => create.mutate({ reviewId, kind: t.kind, templateKey: t.key })}
                >
                  Use
                </Button>
              </div>
            ))}
          </CardBody>
        </Card>
      ) : null}
    </div>
  )
}
