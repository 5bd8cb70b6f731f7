'use client'
import { useState, type FormEvent } from 'react'
import Link from 'next/link'
import { useQueryClient } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { Field, FormError, Input, Select, Textarea } from '@/components/ui/field'
import { ProgressBar } from '@/components/ui/progress'
import { errorOf, upload } from '@/lib/upload'

const databases = ['PubMed', 'Embase', 'Scopus', 'Web of Science', 'Cochrane Library', 'IEEE Xplore', 'CINAHL', 'PsycINFO', 'Google Scholar', 'ClinicalTrials.gov', 'WHO ICTRP']

interface Done {
  importId: string
  format: string
  records: number
  duplicatesRemoved: number
  suspectedDuplicates: number
  toScreen: number
  warnings: { line: number; message: string }[]
  warningCount: number
}
type Phase = { phase: 'uploading'; sent: number; total: number } | { phase: 'reading' | 'deduplicating' | 'saving'; sent: number; total: number; records: number }

const phaseLabel = { uploading: 'Uploading', reading: 'Reading records', deduplicating: 'Finding duplicates', saving: 'Saving' }

export function ImportForm({ reviewId }: { reviewId: string }) {
  const queryClient = useQueryClient()
  const [phase, setPhase] = useState<Phase | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({})
  const [done, setDone] = useState<Done | null>(null)
  const today = new Date().toISOString().slice(0, 10)

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = e.currentTarget
    const f = new FormData(form)
    const file = f.get('file') as File | null
    setError(null)
    setFieldErrors({})
    setDone(null)
    if (!file || file.size === 0) return setFieldErrors({ file: ['Choose the export file of this search.'] })
    const params = new URLSearchParams({
      source: String(f.get('source') ?? ''),
      sourceKind: String(f.get('sourceKind') ?? 'database'),
      searchDate: String(f.get('searchDate') ?? ''),
      searchQuery: String(f.get('searchQuery') ?? ''),
      fileName: file.name,
    })
    setPhase({ phase: 'uploading', sent: 0, total: file.size })
    try {
      const res = await upload({
        url: `/api/reviews/${reviewId}/imports?${params}`,
        file,
        onUploadProgress: (sent, total) => setPhase((p) => (p && p.phase !== 'uploading' ? { ...p, sent, total } : { phase: 'uploading', sent, total })),
        onLine: (line) => {
          const l = line as { progress?: { phase: 'reading' | 'deduplicating' | 'saving'; records: number; bytes: number }; done?: Done; error?: string }
          if (l.progress) setPhase({ phase: l.progress.phase, sent: l.progress.bytes, total: file.size, records: l.progress.records })
          if (l.done) {
            setDone(l.done)
            // ready for the next database's export: nothing of this one is left in the form
            form.reset()
          }
          if (l.error) setError(l.error)
        },
      })
      if (res.status !== 200) {
        const body = JSON.parse(res.body || '{}') as { fieldErrors?: Record<string, string[]> }
        setFieldErrors(body.fieldErrors ?? {})
        setError(errorOf(res.body))
      }
      void queryClient.invalidateQueries()
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The upload failed.')
    } finally {
      setPhase(null)
    }
  }

  const busy = phase !== null
  return (
    <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
      <Card>
        <CardHeader
          title="Import search results"
          description="RIS, PubMed/MEDLINE (.nbib, .txt), Ovid (MEDLINE, Embase), BibTeX, EndNote XML or tagged, Web of Science, or CSV (Scopus, Embase, PubMed, Lens). The format is recognised from the content."
        />
        <CardBody>
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            <FormError message={error} />
            <Field label="Export file" error={fieldErrors.file}>
              {(p) => <Input {...p} type="file" name="file" disabled={busy} />}
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Database or register searched" error={fieldErrors.source}>
                {(p) => (
                  <>
                    <Input {...p} name="source" list="known-sources" placeholder="PubMed" disabled={busy} />
                    <datalist id="known-sources">
                      {databases.map((d) => (
                        <option key={d} value={d} />
                      ))}
                    </datalist>
                  </>
                )}
              </Field>
              <Field label="Kind of source" hint="PRISMA 2020 counts databases and registers separately.">
                {(p) => (
                  <Select {...p} name="sourceKind" defaultValue="database" disabled={busy}>
                    <option value="database">Bibliographic database</option>
                    <option value="register">Trial or study register</option>
                    <option value="other">Other method (citation searching, websites)</option>
                  </Select>
                )}
              </Field>
              <Field label="Date the search was run" error={fieldErrors.searchDate}>
                {(p) => <Input {...p} type="date" name="searchDate" defaultValue={today} max={today} disabled={busy} />}
              </Field>
            </div>
            <Field label="Search strategy (optional)" hint="Kept with the import, for the methods section and for updates.">
              {(p) => <Textarea {...p} name="searchQuery" rows={3} className="font-mono text-xs" disabled={busy} />}
            </Field>
            {phase ? (
              <div className="space-y-1" aria-live="polite">
                <div className="flex justify-between text-xs text-stone-600">
                  <span>
                    {phaseLabel[phase.phase]}
                    {'records' in phase ? ` · ${phase.records.toLocaleString('en-GB')} records` : ''}
                  </span>
                  <span className="tabular">
                    {(phase.sent / 1048576).toFixed(1)} of {(phase.total / 1048576).toFixed(1)} MB
                  </span>
                </div>
                <ProgressBar
                  label="Import progress"
                  value={phase.phase === 'reading' || phase.phase === 'uploading' ? phase.sent : phase.total}
                  max={phase.phase === 'deduplicating' ? undefined : phase.total}
                />
              </div>
            ) : null}
            <Button type="submit" pending={busy}>
              Import
            </Button>
          </form>
        </CardBody>
      </Card>
      {done ? (
        <Card aria-labelledby="import-result" className="h-fit">
          <CardHeader id="import-result" title="Imported" description={`Read as ${done.format.toUpperCase()}`} />
          <CardBody className="space-y-3 text-ui">
            <dl className="grid grid-cols-2 gap-y-1">
              <dt className="text-stone-600">Records</dt>
              <dd className="text-right font-medium tabular" data-testid="import-records">
                {done.records.toLocaleString('en-GB')}
              </dd>
              <dt className="text-stone-600">Duplicates removed</dt>
              <dd className="text-right font-medium tabular">{done.duplicatesRemoved.toLocaleString('en-GB')}</dd>
              <dt className="text-stone-600">Suspected duplicates to check</dt>
              <dd className="text-right font-medium tabular">{done.suspectedDuplicates.toLocaleString('en-GB')}</dd>
              <dt className="text-stone-600">New records to screen</dt>
              <dd className="text-right font-medium tabular">{done.toScreen.toLocaleString('en-GB')}</dd>
            </dl>
            {done.warningCount ? (
              <details>
                <summary className="cursor-pointer font-medium text-amber-900">{done.warningCount} warnings</summary>
                <ul className="mt-1 max-h-48 space-y-0.5 overflow-auto font-mono text-xs text-stone-700">
                  {done.warnings.map((w, i) => (
                    <li key={i}>
                      line {w.line}: {w.message}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            <div className="flex gap-3">
              {done.suspectedDuplicates ? (
                <Link className="font-medium text-accent-700 hover:underline" href={`/reviews/${reviewId}/duplicates`}>
                  Check suspected duplicates
                </Link>
              ) : null}
              <Link className="font-medium text-accent-700 hover:underline" href={`/reviews/${reviewId}/records`}>
                See the records
              </Link>
            </div>
          </CardBody>
        </Card>
      ) : null}
    </div>
  )
}
