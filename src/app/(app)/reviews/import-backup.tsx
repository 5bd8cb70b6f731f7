'use client'
import { useRef, useState } from 'react'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { Button } from '@/components/ui/button'

interface Summary {
  reviewId: string
  slug: string
  title: string
  counts: Record<string, number>
  people: string[]
}

/** Imports a review backup (a JSON file from "Download backup") as a new review the importer owns. */
export function ImportBackup() {
  const input = useRef<HTMLInputElement>(null)
  const router = useRouter()
  const [state, setState] = useState<{ busy?: string; error?: string; done?: Summary }>({})

  async function upload(file: File) {
    setState({ busy: `Importing ${file.name} (${(file.size / 1024 / 1024).toFixed(1)} MB)…` })
    try {
      const res = await fetch('/api/backups', { method: 'POST', body: file, headers: { 'content-type': 'application/json' } })
      const body = (await res.json().catch(() => ({ error: `The server answered ${res.status}.` }))) as { summary?: Summary; error?: string }
      if (!res.ok || !body.summary) setState({ error: body.error ?? `The server answered ${res.status}.` })
      else {
        setState({ done: body.summary })
        router.refresh()
      }
    } catch {
      setState({ error: 'The upload did not reach the server; check the connection and try again.' })
    } finally {
      if (input.current) input.current.value = ''
    }
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <input ref={input} type="file" accept=".json,application/json" className="sr-only" aria-label="Review backup file" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
      <Button variant="secondary" pending={!!state.busy} disabled={!!state.busy} onClick={() => input.current?.click()}>
        Import a backup
      </Button>
      <div aria-live="polite" className="max-w-md text-right text-ui">
        {state.busy ? <p className="text-stone-600">{state.busy}</p> : null}
        {state.error ? <p className="text-red-800">{state.error}</p> : null}
        {state.done ? (
          <p className="text-stone-700">
            Imported{' '}
            <Link href={`/reviews/${state.done.reviewId}`} className="font-medium text-accent-800 underline">
              {state.done.title}
            </Link>{' '}
            ({state.done.counts.records ?? 0} records, {state.done.counts.studies ?? 0} studies).
            {state.done.people.length ? ` You are its only member: the ${state.done.people.length} other people it names keep their names on their work; invite your team to give them access.` : ''}
          </p>
        ) : null}
      </div>
    </div>
  )
}
