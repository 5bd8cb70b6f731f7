import type { Metadata } from 'next'
import Link from 'next/link'
import { serverCaller } from '@/server/api/server-caller'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { Badge } from '@/components/ui/badge'
import { RecordView } from '../../screening/_components/record-view'
import { orNotFound } from '@/app/_lib/page-access'
import { formatDay } from '@/lib/format'
import { RecordTags } from '../record-tags'

export const metadata: Metadata = { title: 'Record' }
export const dynamic = 'force-dynamic'

const stageName = { TITLE_ABSTRACT: 'Title & abstract', FULL_TEXT: 'Full text' } as const
const statusTone = { INCLUDED: 'good', EXCLUDED: 'danger', CONFLICT: 'warn', OPEN: 'neutral' } as const

export default async function RecordPage({ params }: { params: Promise<{ reviewId: string; recordId: string }> }) {
  const { reviewId, recordId } = await params
  const caller = await serverCaller()
  const [record, context] = await orNotFound(Promise.all([caller.records.detail({ reviewId, recordId }), caller.screening.context({ reviewId })]))
  return (
    <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
      <Card className="p-5">
        <RecordView record={record} include={context.inclusionKeywords} exclude={context.exclusionKeywords} />
      </Card>
      <div className="space-y-4">
        <Card>
          <CardHeader title="Source" />
          <CardBody className="space-y-1 text-ui">
            <p>
              {record.importBatch.source}, searched {formatDay(record.importBatch.searchDate)}
            </p>
            <p className="text-stone-600">
              {record.importBatch.fileName}, line {record.sourceLine}
            </p>
            {record.duplicateGroup ? (
              <p>
                <Badge tone="warn">{record.duplicateGroup.primaryRecordId === record.id ? 'primary of a duplicate group' : `duplicate (${record.duplicateGroup.status.toLowerCase()})`}</Badge>{' '}
                <Link className="text-accent-700 hover:underline" href={`/reviews/${reviewId}/duplicates`}>
                  {record.duplicateGroup.members.length} records
                </Link>
              </p>
            ) : null}
            <div className="pt-1">
              <RecordTags reviewId={reviewId} recordId={record.id} canTag={context.canVote} />
            </div>
          </CardBody>
        </Card>
        {record.stages.map((s) => (
          <Card key={s.id}>
            <CardHeader title={stageName[s.stage]} actions={<Badge tone={statusTone[s.status]}>{s.status.toLowerCase().replace('_', ' ')}</Badge>} />
            <CardBody className="space-y-1.5 text-ui">
              <p>
                Your vote: {s.myVote ? <strong>{s.myVote.decision.toLowerCase()}</strong> : 'none'}
                {context.canVote && (s.status === 'OPEN' || s.status === 'CONFLICT') ? (
                  <Link
                    className="ml-2 font-medium text-accent-700 underline underline-offset-2"
                    href={`/reviews/${reviewId}/screening?item=${s.id}${s.stage === 'FULL_TEXT' ? '&stage=full-text' : ''}`}
                  >
                    {s.myVote ? 'Change my vote' : 'Screen this record'}
                  </Link>
                ) : null}
              </p>
              {s.otherVotes ? (
                s.otherVotes.map((v, i) => (
                  <p key={i}>
                    {v.reviewer}: <strong>{v.decision.toLowerCase()}</strong>
                    {v.exclusionReason ? ` (${v.exclusionReason.label})` : ''}
                    {v.note ? <span className="text-stone-600"> — “{v.note}”</span> : null}
                  </p>
                ))
              ) : (
                <p className="text-stone-600">Other reviewers’ votes stay hidden until the record is resolved.</p>
              )}
              {s.resolution ? (
                <p className="text-stone-700">
                  Resolved by {s.resolution === 'LEAD' ? 'a lead' : 'agreement'}
                  {s.exclusionReason ? `: ${s.exclusionReason.label}` : ''}
                  {s.decisionNote ? ` — “${s.decisionNote}”` : ''}
                </p>
              ) : null}
            </CardBody>
          </Card>
        ))}
      </div>
    </div>
  )
}
