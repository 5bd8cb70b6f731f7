/**
 * A plot drawn by the core as SVG text, placed in the page as it is (the generators escape every label
 * they are given), with download links for SVG and PNG.
 */
export function SvgFigure({ svg, caption, downloadHref, testId }: { svg: string; caption: string; downloadHref?: string; testId?: string }) {
  return (
    <figure className="space-y-2">
      <div className="plot overflow-x-auto rounded-md border border-stone-200 bg-white p-2" tabIndex={0} role="group" aria-label={caption} data-testid={testId} dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption className="flex flex-wrap items-center gap-3 text-xs text-stone-600">
        <span>{caption}</span>
        {downloadHref ? (
          <>
            <a className="font-medium text-accent-700 underline underline-offset-2" href={`${downloadHref}${downloadHref.includes('?') ? '&' : '?'}format=svg`}>
              Download SVG
            </a>
            <a className="font-medium text-accent-700 underline underline-offset-2" href={`${downloadHref}${downloadHref.includes('?') ? '&' : '?'}format=png`}>
              Download PNG
            </a>
          </>
        ) : null}
      </figcaption>
    </figure>
  )
}
