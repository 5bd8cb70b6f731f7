import Link from 'next/link'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { formatCount } from '@/lib/format'

type Dashboard = {
  stages: {
    imported: number
    duplicatesRemoved: number
    titleAbstract: { total: number; decided: number; included: number }
    fullText: { total: number; decided: number; included: number }
    studies: number
    extracted: number
    agreed: number
  }
  tasks: {
    toScreen: { titleAbstract: number; fullText: number } | null
    entriesToSubmit: number
    conflicts: { titleAbstract: number; fullText: number } | null
    duplicatesToCheck: number | null
  }
}

const n = formatCount

function Stage({ label, value, of, note }: { label: string; value: number; of?: number; note?: string }) {
  const pct = of ? Math.round((value / of) * 100) : null
  return (
    <div className="min-w-0">
      <dt className="text-xs text-stone-500">{label}</dt>
      <dd className="font-medium tabular">
        {n(value)}
        {of !== undefined ? <span className="font-normal text-stone-500"> of {n(of)}</span> : null}
        {pct !== null ? (
          <span className="mt-1 block h-1.5 rounded-full bg-stone-200" aria-hidden>
            <span className="block h-full rounded-full bg-accent-600" style={{ width: `${pct}%` }} />
          </span>
        ) : null}
        {note ? <span className="mt-0.5 block text-xs font-normal text-stone-500">{note}</span> : null}
      </dd>
    </div>
  )
}

/** Counts per stage, from search results to agreed data. */
export function StageCounts({ d }: { d: Dashboard }) {
  const s = d.stages
  return (
    <Card aria-labelledby="stages-heading" className="lg:col-span-2">
      <CardHeader id="stages-heading" title="Progress" />
      <CardBody>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-ui sm:grid-cols-4" data-testid="stage-counts">
          <Stage label="Records imported" value={s.imported} />
          <Stage label="Duplicates removed" value={s.duplicatesRemoved} />
          <Stage label="Title/abstract decided" value={s.titleAbstract.decided} of={s.titleAbstract.total} note={`${n(s.titleAbstract.included)} included`} />
          <Stage label="Full texts decided" value={s.fullText.decided} of={s.fullText.total} note={`${n(s.fullText.included)} included`} />
          <Stage label="Studies" value={s.studies} />
          <Stage label="Extracted" value={s.extracted} of={s.studies} />
          <Stage label="With agreed data" value={s.agreed} of={s.studies} />
        </dl>
      </CardBody>
    </Card>
  )
}

/** What waits for the person looking, each with the page where it is done. */
export function MyTasks({ d, base }: { d: Dashboard; base: string }) {
  const t = d.tasks
  const items = [
    t.toScreen &&
      t.toScreen.titleAbstract > 0 && { href: `${base}/screening`, text: `${n(t.toScreen.titleAbstract)} ${t.toScreen.titleAbstract === 1 ? 'record' : 'records'} to screen (title and abstract)` },
    t.toScreen && t.toScreen.fullText > 0 && { href: `${base}/screening?stage=full-text`, text: `${n(t.toScreen.fullText)} full ${t.toScreen.fullText === 1 ? 'text' : 'texts'} to screen` },
    t.entriesToSubmit > 0 && { href: `${base}/studies`, text: `${n(t.entriesToSubmit)} extraction ${t.entriesToSubmit === 1 ? 'entry' : 'entries'} to submit` },
    t.conflicts &&
      t.conflicts.titleAbstract > 0 && {
        href: `${base}/conflicts`,
        text: `${n(t.conflicts.titleAbstract)} ${t.conflicts.titleAbstract === 1 ? 'conflict' : 'conflicts'} to decide (title and abstract)`,
      },
    t.conflicts &&
      t.conflicts.fullText > 0 && { href: `${base}/conflicts?stage=full-text`, text: `${n(t.conflicts.fullText)} ${t.conflicts.fullText === 1 ? 'conflict' : 'conflicts'} to decide (full text)` },
    t.duplicatesToCheck && { href: `${base}/duplicates`, text: `${n(t.duplicatesToCheck)} suspected ${t.duplicatesToCheck === 1 ? 'duplicate' : 'duplicates'} to check` },
  ].filter((x): x is { href: string; text: string } => Boolean(x))
  return (
    <Card aria-labelledby="tasks-heading">
      <CardHeader id="tasks-heading" title="Your tasks" />
      {items.length ? (
        <ul className="divide-y divide-stone-100 text-ui" data-testid="my-tasks">
          {items.map((i) => (
            <li key={i.href + i.text}>
              <Link href={i.href} className="block px-4 py-2 font-medium text-accent-700 hover:bg-stone-50 hover:underline">
                {i.text}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <CardBody className="text-ui text-stone-600" data-testid="my-tasks">
          Nothing is waiting for you.
        </CardBody>
      )}
    </Card>
  )
}
