'use client'
import { useEffect, useRef, useState } from 'react'
import { Button } from './ui/button'
import { ProgressBar } from './ui/progress'

type PdfJs = typeof import('pdfjs-dist')

let pdfjs: Promise<PdfJs> | undefined
/** pdf.js touches browser globals when loaded, so it is imported in the browser only, once. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = '/pdfjs/build/pdf.worker.min.mjs'
    return lib
  })
  return pdfjs
}

/** Renders a PDF's pages into canvases, fitted to the panel's width, with zoom. */
export function PdfViewer({ url, title }: { url: string; title: string }) {
  const container = useRef<HTMLDivElement>(null)
  const [state, setState] = useState<{ loaded: number; total: number | null; error: string | null }>({ loaded: 0, total: null, error: null })
  const [zoom, setZoom] = useState(1)

  useEffect(() => {
    let cancelled = false
    const el = container.current
    if (!el) return
    el.replaceChildren()
    setState({ loaded: 0, total: null, error: null })
    ;(async () => {
      const lib = await loadPdfJs()
      const task = lib.getDocument({ url, isEvalSupported: false, standardFontDataUrl: '/pdfjs/standard_fonts/', cMapUrl: '/pdfjs/cmaps/', cMapPacked: true, wasmUrl: '/pdfjs/wasm/' })
      const doc = await task.promise
      if (cancelled) return void doc.destroy()
      setState((s) => ({ ...s, total: doc.numPages }))
      const width = el.clientWidth - 16
      for (let n = 1; n <= doc.numPages && !cancelled; n++) {
        const page = await doc.getPage(n)
        const base = page.getViewport({ scale: 1 })
        const viewport = page.getViewport({ scale: (width / base.width) * zoom })
        const ratio = window.devicePixelRatio || 1
        const canvas = document.createElement('canvas')
        canvas.width = Math.floor(viewport.width * ratio)
        canvas.height = Math.floor(viewport.height * ratio)
        canvas.style.width = `${Math.floor(viewport.width)}px`
        canvas.style.height = `${Math.floor(viewport.height)}px`
        canvas.className = 'mx-auto mb-2 block bg-white shadow-sm'
        canvas.setAttribute('role', 'img')
        canvas.setAttribute('aria-label', `${title}, page ${n} of ${doc.numPages}`)
        el.appendChild(canvas)
        await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined }).promise
        if (!cancelled) setState((s) => ({ ...s, loaded: n }))
      }
      void doc.destroy()
    })().catch((e: unknown) => {
      if (!cancelled) setState((s) => ({ ...s, error: e instanceof Error ? e.message : 'The PDF could not be shown.' }))
    })
    return () => {
      cancelled = true
    }
  }, [url, zoom, title])

  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-2 border-b border-stone-200 px-2 py-1.5 text-xs text-stone-600">
        <Button variant="ghost" size="sm" onClick={() => setZoom((z) => Math.max(0.5, z - 0.25))} aria-label="Zoom out">
          −
        </Button>
        <span className="tabular">{Math.round(zoom * 100)}%</span>
        <Button variant="ghost" size="sm" onClick={() => setZoom((z) => Math.min(3, z + 0.25))} aria-label="Zoom in">
          +
        </Button>
        <span className="ml-auto tabular">{state.total ? `${state.loaded} of ${state.total} pages` : 'Loading…'}</span>
        <a className="text-accent-700 hover:underline" href={url} target="_blank" rel="noreferrer">
          Open
        </a>
      </div>
      {state.total && state.loaded < state.total ? <ProgressBar value={state.loaded} max={state.total} label="Rendering the PDF" className="h-1 rounded-none" /> : null}
      {state.error ? (
        <p role="alert" className="p-4 text-ui text-red-800">
          {state.error}
        </p>
      ) : null}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the pages scroll, so the region must take keyboard focus (axe: scrollable-region-focusable) */}
      {/* biome-ignore lint/a11y/useSemanticElements: a named region of the page, not a document section */}
      <div ref={container} className="min-h-0 flex-1 overflow-auto bg-stone-100 p-2" data-testid="pdf-pages" tabIndex={0} role="region" aria-label={`${title}: pages`} />
    </div>
  )
}
