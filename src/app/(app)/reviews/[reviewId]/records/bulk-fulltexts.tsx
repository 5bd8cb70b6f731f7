'use client'
import { useRef, useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Card, CardHeader } from '@/components/ui/card'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Select } from '@/components/ui/field'
import { ProgressBar } from '@/components/ui/progress'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { errorOf, upload } from '@/lib/upload'
import { formatBytes } from '@/lib/format'

type Candidate = { id: string; title: string; firstAuthor: string; year: number | null; fullTexts: number }
type Row = {
  file: File
  kind: 'matched' | 'ambiguous' | 'none'
  by?: string
  candidates: Candidate[]
  recordId: string
  /** left out by the person, though matched */
  skip: boolean
  state: 'ready' | 'uploading' | 'done' | 'failed'
  error?: string
}

const byText: Record<string, string> = { doi: 'by DOI', pmid: 'by PMID', title: 'by title', 'author-year': 'by author and year' }
const maxBytes = 50 * 1024 * 1024

/**
 * Many full-text PDFs at once: each file is matched to a record sought at full text by its name (DOI,
 * PMID, or author, year and title); a name that fits several records lets the person choose, one that
 * fits none is left out. The files then go one by one, as single uploads do, with the progress shown.
 */
export function BulkFullTexts({ reviewId }: { reviewId: string }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const input = useRef<HTMLInputElement>(null)
  const [rows, setRows] = useState<Row[]>([])
  const [sent, setSent] = useState<{ bytes: number; total: number } | null>(null)
  const match = useMutation(trpc.records.matchFullTexts.mutationOptions())

  async function onFiles(list: FileList | null) {
    const files = [...(list ?? [])].slice(0, 500)
    if (!files.length) return
    const matches = await match.mutateAsync({ reviewId, fileNames: files.map((f) => f.name.slice(0, 255)) })
    setRows(
      files.map((file, i) => {
        const m = matches[i]!
        const candidates = m.kind === 'matched' ? [m.record] : m.kind === 'ambiguous' ? m.records : []
        const tooBig = file.size > maxBytes
        return {
          file,
          kind: m.kind,
          by: m.kind === 'matched' ? m.by : undefined,
          candidates,
          recordId: m.kind === 'matched' ? m.record.id : '',
          skip: false,
          state: tooBig ? 'failed' : 'ready',
          error: tooBig ? 'larger than 50 MB' : undefined,
        }
      }),
    )
    if (input.current) input.current.value = ''
  }

  const ready = rows.filter((r) => r.state === 'ready' && r.recordId && !r.skip)
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)))

  async function uploadAll() {
    const total = ready.reduce((s, r) => s + r.file.size, 0)
    let done = 0
    setSent({ bytes: 0, total })
    for (const [i, row] of rows.entries()) {
      if (row.state !== 'ready' || !row.recordId || row.skip) continue
      set(i, { state: 'uploading' })
      try {
        const res = await upload({
          url: `/api/reviews/${reviewId}/records/${row.recordId}/fulltext?fileName=${encodeURIComponent(row.file.name)}`,
          file: row.file,
          onUploadProgress: (bytes) => setSent({ bytes: done + bytes, total }),
        })
        set(i, res.status === 201 ? { state: 'done' } : { state: 'failed', error: errorOf(res.body) })
      } catch (e) {
        set(i, { state: 'failed', error: e instanceof Error ? e.message : 'The upload failed.' })
      }
      done += row.file.size
      setSent({ bytes: done, total })
    }
    setSent(null)
    void queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.screening.pathKey() })
  }

  const uploaded = rows.filter((r) => r.state === 'done').length
  return (
    <Card>
      <CardHeader
        title="Full texts"
        description="Upload many PDFs at once: each is matched to a record at full text by its file name (DOI, PMID, or author, year and title)."
        actions={
          <>
            <input
              ref={input}
              id="bulk-pdfs"
              aria-label="Full-text PDFs"
              tabIndex={-1}
              type="file"
              multiple
              accept="application/pdf,.pdf"
              className="sr-only"
              onChange={(e) => void onFiles(e.target.files)}
            />
            <Button variant="secondary" size="sm" pending={match.isPending} disabled={sent !== null} onClick={() => input.current?.click()}>
              Choose PDFs…
            </Button>
          </>
        }
      />
      {match.error ? <p className="px-4 pb-3 text-ui text-red-700">{formErrors(match.error).message}</p> : null}
      {rows.length ? (
        <div className="border-t border-stone-200">
          <table className="w-full table-fixed text-ui" aria-label="PDFs to upload">
            <thead className="text-left text-xs text-stone-600">
              <tr>
                <th className="w-[30%] px-4 py-1.5 font-medium">File</th>
                <th className="px-2 py-1.5 font-medium">Record</th>
                <th className="w-[16%] px-4 py-1.5 font-medium">State</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={`${r.file.name}-${i}`} className="border-t border-stone-100" data-testid="bulk-pdf-row">
                  <td className="truncate px-4 py-1.5" title={r.file.name}>
                    {r.file.name} <span className="text-xs text-stone-500">{formatBytes(r.file.size)}</span>
                  </td>
                  <td className="px-2 py-1.5">
                    {r.kind === 'none' ? (
                      <span className="text-stone-600">No record matches this name: upload it from the record’s page.</span>
                    ) : r.kind === 'ambiguous' && r.state === 'ready' ? (
                      <Select aria-label={`Record for ${r.file.name}`} value={r.recordId} onChange={(e) => set(i, { recordId: e.target.value })}>
                        <option value="">Fits {r.candidates.length === 1 ? 'a record another file also fits' : `${r.candidates.length} records`}: choose…</option>
                        {r.candidates.map((c) => (
                          <option key={c.id} value={c.id}>
                            {[c.firstAuthor, c.year].filter(Boolean).join(' ')}: {c.title}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      <span className="flex min-w-0 items-center gap-2">
                        <span className="truncate">{r.candidates.find((c) => c.id === r.recordId)?.title}</span>
                        {r.by ? <Badge>{byText[r.by]}</Badge> : null}
                        {r.candidates.find((c) => c.id === r.recordId)?.fullTexts ? <Badge tone="warn">has a PDF already</Badge> : null}
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-1.5">
                    {r.state === 'done' ? <Badge tone="good">uploaded</Badge> : null}
                    {r.state === 'uploading' ? <Badge tone="accent">uploading…</Badge> : null}
                    {r.state === 'failed' ? <span className="text-xs text-red-700">Not uploaded: {r.error}</span> : null}
                    {r.state === 'ready' && r.recordId ? (
                      <label className="flex items-center gap-1.5 text-xs text-stone-700">
                        <input type="checkbox" checked={!r.skip} onChange={(e) => set(i, { skip: !e.target.checked })} aria-label={`Upload ${r.file.name}`} />
                        upload
                      </label>
                    ) : null}
                    {r.state === 'ready' && !r.recordId ? <span className="text-xs text-stone-600">left out</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex items-center gap-3 border-t border-stone-200 px-4 py-2.5 text-ui">
            {sent ? (
              <ProgressBar value={sent.bytes} max={sent.total} label="Uploading the PDFs" className="max-w-80" />
            ) : (
              <span className="text-stone-700" aria-live="polite">
                {uploaded ? `${uploaded} uploaded. ` : ''}
                {ready.length} of {rows.length} ready to upload: check each match before uploading.
              </span>
            )}
            <Button size="sm" className="ml-auto" disabled={!ready.length || sent !== null} onClick={() => void uploadAll()}>
              Upload {ready.length} {ready.length === 1 ? 'PDF' : 'PDFs'}
            </Button>
          </div>
        </div>
      ) : null}
    </Card>
  )
}
