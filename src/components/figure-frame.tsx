import type { ReactNode } from 'react'

const withFormat = (href: string, format: 'svg' | 'png') => `${href}${href.includes('?') ? '&' : '?'}format=${format}`

/** A figure's caption with its SVG and PNG downloads, around the picture given as children. */
export function FigureFrame({ caption, downloadHref, children }: { caption: string; downloadHref?: string; children: ReactNode }) {
  return (
    <figure className="space-y-2">
      {children}
      <figcaption className="flex flex-wrap items-center gap-3 text-xs text-stone-600">
        <span>{caption}</span>
        {downloadHref ? (
          <>
            <a className="font-medium text-accent-700 underline underline-offset-2" href={withFormat(downloadHref, 'svg')}>
              Download SVG
            </a>
            <a className="font-medium text-accent-700 underline underline-offset-2" href={withFormat(downloadHref, 'png')}>
              Download PNG
            </a>
          </>
        ) : null}
      </figcaption>
    </figure>
  )
}
