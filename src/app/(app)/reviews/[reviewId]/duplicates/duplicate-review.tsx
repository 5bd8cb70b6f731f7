'use client'
import { useState } from 'react'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Card } from '@/components/ui/card'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { FormError } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { cn } from '@/lib/cn'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { ConfirmButton } from '@/components/ui/confirm-dialog'

type Status = 'PENDING' | 'AUTO' | 'CONFIRMED'
const tabs: { value: Status; label: string }[] = [
  { value: 'PENDING', label: 'Suspected' },
  { value: 'AUTO', label: 'Removed automatically' },
  { value: 'CONFIRMED', label: 'Confirmed' },
]
const reasonText = { doi: 'same DOI', pmid: 'same PMID', title: 'similar title, year and first author' } as Record<string, string>

/** Groups of duplicate records side by side; a lead confirms a group or separates a record that is distinct. */
export function DuplicateReview({ reviewId, canResolve }: { reviewId: string; canResolve: boolean }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [status, setStatus] = useState<Status>('PENDING')
  const groups = useQuery({ ...trpc.records.duplicates.queryOptions({ reviewId, status }), placeholderData: keepPreviousData })
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.records.duplicates.queryKey() })
  const confirm = useMutation(trpc.records.confirmDuplicates.mutationOptions({ onSuccess: refresh }))
  const separate = useMutation(trpc.records.separateDuplicate.mutationOptions({ onSuccess: refresh }))
  const keep = useMutation(trpc.records.keepDuplicate.mutationOptions({ onSuccess: refresh }))
  const confirmAll = useMutation(trpc.records.confirmExactLooking.mutationOptions({ onSuccess: refresh }))
  const exactLooking = groups.data?.exactLooking ?? 0
  const counts = groups.data?.counts ?? {}
  return (
    <Tabs value={status} onValueChange={(v) => setStatus(v as Status)}>
      <TabsList aria-label="Duplicate groups">
        {tabs.map((t) => (
          <TabsTrigger key={t.value} value={t.value}>
            {t.label} {groups.data ? <span className="tabular opacity-80">({counts[t.value] ?? 0})</span> : null}
          </TabsTrigger>
        ))}
      </TabsList>
      <TabsContent value={status} className="space-y-3">
        <FormError message={formErrors(confirm.error ?? separate.error ?? keep.error ?? confirmAll.error).message} />
        {canResolve && status === 'PENDING' && exactLooking > 0 ? (
          <div className="flex items-center gap-3 text-ui" data-testid="confirm-exact-looking">
            <span className="text-stone-700">
              {exactLooking} {exactLooking === 1 ? 'group has' : 'groups have'} titles at least 98% alike and the same year.
            </span>
            <ConfirmButton
              size="sm"
              variant="secondary"
              pending={confirmAll.isPending}
              title={`Confirm ${exactLooking} ${exactLooking === 1 ? 'group' : 'groups'} as duplicates?`}
              description="Each is confirmed as if you had pressed its own button, and recorded in the activity log; the others stay for a look."
              confirmLabel={`Confirm ${exactLooking}`}
              onConfirm={() => confirmAll.mutate({ reviewId })}
            >
              Confirm all {exactLooking}
            </ConfirmButton>
          </div>
        ) : null}
        {groups.isLoading ? <Card className="px-5 py-10 text-center text-stone-600">Loading…</Card> : null}
        {groups.data?.groups.length === 0 ? <Card className="px-5 py-10 text-center text-stone-600">No groups here.</Card> : null}
        {groups.data?.groups.map((g) => (
          <Card key={g.id} className="p-4" data-testid="duplicate-group" aria-label={`Duplicate group: ${g.members[0]?.title ?? ''}`}>
            <div className="mb-3 flex items-center gap-2 text-ui">
              <Badge tone={g.status === 'PENDING' ? 'warn' : 'neutral'}>{reasonText[g.reason] ?? g.reason}</Badge>
              <span className="text-stone-600">title similarity {(g.similarity * 100).toFixed(0)}%</span>
              {canResolve && g.status === 'PENDING' ? (
                <Button size="sm" className="ml-auto" onClick={() => confirm.mutate({ reviewId, groupId: g.id })} pending={confirm.isPending && confirm.variables?.groupId === g.id}>
                  Confirm duplicates
                </Button>
              ) : null}
            </div>
            <div className="grid gap-3 md:grid-cols-2">
              {g.members.map((m) => (
                <div key={m.id} data-testid="duplicate-copy" className={cn('rounded-md border p-3 text-ui', m.id === g.primaryRecordId ? 'border-accent-600 bg-accent-50/40' : 'border-stone-200')}>
                  <div className="mb-1 flex items-center gap-2 text-xs text-stone-600">
                    {m.id === g.primaryRecordId ? <Badge tone="accent">kept</Badge> : <Badge>duplicate</Badge>}
                    <span>{m.importBatch.source}</span>
                    {canResolve && m.id !== g.primaryRecordId ? (
                      <span className="ml-auto flex gap-1">
                        <Button
                          variant="ghost"
                          size="sm"
                          title="Screen this copy instead: it takes over the kept copy's votes, decisions and full texts"
                          pending={keep.isPending && keep.variables?.recordId === m.id}
                          onClick={() => keep.mutate({ reviewId, groupId: g.id, recordId: m.id })}
                        >
                          Keep this copy
                        </Button>
                        <Button variant="ghost" size="sm" onClick={() => separate.mutate({ reviewId, groupId: g.id, recordId: m.id })}>
                          Not a duplicate
                        </Button>
                      </span>
                    ) : null}
                  </div>
                  <p className="font-medium">{m.title}</p>
                  <p className="text-stone-600">
                    {m.authors.slice(0, 4).join('; ')}
                    {m.authors.length > 4 ? ' et al.' : ''}
                  </p>
                  <p className="text-stone-600">{[m.journal, m.year, m.volume && `${m.volume}${m.issue ? `(${m.issue})` : ''}`, m.pages].filter(Boolean).join(' · ')}</p>
                  <p className="font-mono text-xs text-stone-600">{[m.doi && `doi:${m.doi}`, m.pmid && `PMID ${m.pmid}`].filter(Boolean).join(' · ') || 'no identifiers'}</p>
                  {m.abstract ? <p className="mt-1 line-clamp-3 text-stone-700">{m.abstract}</p> : null}
                </div>
              ))}
            </div>
          </Card>
        ))}
      </TabsContent>
    </Tabs>
  )
}
