'use client'
import { useRef, useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { FormError } from '@/components/ui/field'
import { ProgressBar } from '@/components/ui/progress'
import { PdfViewer } from '@/components/pdf-viewer'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { errorOf, upload } from '@/lib/upload'

interface Item {
  id: string
  record: { id: string; title: string; notRetrieved: boolean; fullTexts: { id: string; fileName: string; size: number }[] }
}

/** The full text beside the record: the PDF in pdf.js, an upload (PDF only, up to 50 MB), and "not retrieved". */
export function FullTextPanel({ reviewId, item, canUpload, canMarkNotRetrieved }: { reviewId: string; item: Item; canUpload: boolean; canMarkNotRetrieved: boolean }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const input = useRef<HTMLInputElement>(null)
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const current = item.record.fullTexts[0]
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.screening.next.queryKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.screening.item.queryKey() })
  }
  const notRetrieved = useMutation(trpc.records.setNotRetrieved.mutationOptions({ onSuccess: refresh }))

  async function onFile(file: File | undefined) {
    if (!file) return
    setError(null)
    if (file.size > 50 * 1024 * 1024) return setError('The file is larger than 50 MB.')
    setProgress({ sent: 0, total: file.size })
    try {
      const res = await upload({
        url: `/api/reviews/${reviewId}/records/${item.record.id}/fulltext?fileName=${encodeURIComponent(file.name)}`,
        file,
        onUploadProgress: (sent, total) => setProgress({ sent, total }),
      })
      if (res.status !== 201) setError(errorOf(res.body))
      else refresh()
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The upload failed.')
    } finally {
      setProgress(null)
      if (input.current) input.current.value = ''
    }
  }

  return (
    <Card className="flex h-[80vh] flex-col overflow-hidden" aria-label="Full text">
      <div className="flex flex-wrap items-center gap-2 border-b border-stone-200 px-3 py-2 text-ui">
        <span className="font-medium">{current ? current.fileName : 'No full text yet'}</span>
        {item.record.notRetrieved ? <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">Marked not retrieved</span> : null}
        <div className="ml-auto flex items-center gap-2">
          {canUpload ? (
            <>
              <input ref={input} type="file" accept="application/pdf,.pdf" className="sr-only" id={`pdf-${item.id}`} onChange={(e) => void onFile(e.target.files?.[0])} />
              <label htmlFor={`pdf-${item.id}`} className="inline-flex h-7 cursor-pointer items-center rounded-md border border-stone-300 bg-white px-2.5 font-medium hover:bg-stone-100">
                {current ? 'Replace PDF' : 'Upload PDF'}
              </label>
            </>
          ) : null}
          {canMarkNotRetrieved && !current ? (
            <Button variant="ghost" size="sm" pending={notRetrieved.isPending} onClick={() => notRetrieved.mutate({ reviewId, recordId: item.record.id, notRetrieved: !item.record.notRetrieved })}>
              {item.record.notRetrieved ? 'Undo "not retrieved"' : 'Could not retrieve'}
            </Button>
          ) : null}
        </div>
      </div>
      {progress ? <ProgressBar value={progress.sent} max={progress.total} label="Uploading the PDF" className="h-1 rounded-none" /> : null}
      <div className="px-3">
        <FormError message={error ?? formErrors(notRetrieved.error).message} />
      </div>
      {current ? (
        <div className="min-h-0 flex-1">
          <PdfViewer url={`/api/reviews/${reviewId}/fulltexts/${current.id}`} title={current.fileName} />
        </div>
      ) : (
        <div className="grid flex-1 place-items-center p-6 text-center text-ui text-stone-600">Upload the full text (PDF, up to 50 MB) to read it here beside the record.</div>
      )}
    </Card>
  )
}
