import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { estimateHistory, publicVersion } from '@/server/services/publication/versions'
import { EstimateHistoryChart } from '@/components/charts/estimate-history'
import { prismaFigure, qualityFigures } from '@/server/services/publication/figures'
import { AppError } from '@/server/errors'
import { PublicAnalysis } from './public-analysis'
import { PublicFigure } from './public-figure'
import { VersionChanges } from '@/components/analysis/version-changes'
import { formatCount, formatLongDay } from '@/lib/format'
import { DataTable } from '@/components/ui/data-table'
import { headers } from 'next/headers'
import { env } from '@/server/env'

export const dynamic = 'force-dynamic'

async function load(slug: string, v?: string) {
  try {
    return await publicVersion(slug, v ? Number(v) : undefined)
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  }
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params
  try {
    const v = await publicVersion(slug)
    return { title: `${v.snapshot?.review.title ?? v.title} (version ${v.number})` }
  } catch {
    return { title: 'Review' }
  }
}

/** The public page of a living review: its latest (or chosen) published version, read from the immutable snapshot. */
export default async function PublicReviewPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ v?: string }> }) {
  const { slug } = await params
  const v = await load(slug, (await searchParams).v)
  const s = v.snapshot
  if (!s)
    return (
      <main className="mx-auto max-w-3xl space-y-3 px-4 py-8">
        <h1 className="text-2xl font-semibold">{v.title}</h1>
        <p className="text-stone-700">Version {v.number} of this review cannot be shown: its stored data are not in the form Ferrite writes. Ask the review team for a copy.</p>
      </main>
    )
  // the history up to the version shown
  const trends = (await estimateHistory(v.reviewId)).map((h) => ({ ...h, points: h.points.filter((p) => p.version <= v.number) })).filter((h) => h.points.length > 1)
  const base = `/p/${slug}/download`
  const q = `?v=${v.number}`
  const citeUrl = `${(env().NEXTAUTH_URL ?? `http://${(await headers()).get('host') ?? 'localhost'}`).replace(/\/$/, '')}/p/${slug}?v=${v.number}`
  const figureFiles = (name: string) => ({ svg: `${base}/${name}.svg${q}`, png: `${base}/${name}.png${q}` })
  // the date of the latest search in this version (a saved search's run is dated by the last day it covered)
  const lastSearch = s.searches.reduce<string | null>((latest, x) => (x.sourceKind !== 'other' && (!latest || x.searchDate > latest) ? x.searchDate : latest), null)
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <header className="space-y-2">
        <p className="text-xs font-semibold tracking-wide text-accent-700 uppercase">Living systematic review · Ferrite</p>
        <h1 className="text-2xl font-semibold">{s.review.title}</h1>
        {s.review.isDemo ? <p className="inline-block rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-950">Demo data: invented records for demonstrating Ferrite</p> : null}
        <p className="max-w-3xl text-stone-700">{s.review.question}</p>
        <p className="text-ui text-stone-600">
          Version {v.number} of {v.latest}, published {formatLongDay(v.publishedAt)}
          {lastSearch ? <span data-testid="last-search">; searches up to {formatLongDay(lastSearch)}</span> : null}
          {v.nextSearchDate ? `; next search planned for ${formatLongDay(v.nextSearchDate)}` : ''}
          {v.number !== v.latest ? (
            <>
              {' · '}
              <Link className="text-accent-700 underline underline-offset-2" href={`/p/${slug}`}>
                see the latest version
              </Link>
            </>
          ) : null}
        </p>
        <p className="max-w-4xl text-ui text-stone-700" data-testid="cite">
          <span className="font-medium">Cite this version:</span> {s.review.citeAs ? `${s.review.citeAs.replace(/\.$/, '')}. ` : ''}
          {s.review.title.replace(/\.$/, '')}. Living systematic review, version {v.number}, {formatLongDay(v.publishedAt)}. {citeUrl}
        </p>
        <nav aria-label="Downloads" className="flex flex-wrap gap-4 text-ui">
          <a className="font-medium text-accent-700 underline underline-offset-2" href={`${base}/data.csv${q}`}>
            Extracted data (CSV)
          </a>
          <a className="font-medium text-accent-700 underline underline-offset-2" href={`${base}/version.json${q}`}>
            This version (JSON)
          </a>
          <a className="font-medium text-accent-700 underline underline-offset-2" href={`${base}/studies.ris${q}`}>
            Included studies (RIS)
          </a>
        </nav>
      </header>

      <section aria-labelledby="changes" className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="changes" className="font-semibold">
          About this version
        </h2>
        <p className="mt-1 whitespace-pre-line text-stone-800">{v.notes}</p>
        {s.changes ? (
          <div className="mt-3">
            <VersionChanges changes={s.changes} since={s.previousNumber!} />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="prisma-heading" className="space-y-2">
        <h2 id="prisma-heading" className="text-lg font-semibold">
          Flow of studies (PRISMA 2020)
        </h2>
        <PublicFigure figure={prismaFigure(s)} label={`PRISMA 2020 flow diagram: ${s.review.title}`} testId="public-prisma" download={figureFiles('prisma')} />
        <DataTable
          className="max-w-xl"
          caption="Searches"
          rows={s.searches}
          rowKey={(x, i) => `${x.source}-${i}`}
          columns={[
            { key: 'source', header: 'Database or register', cell: (x) => x.source },
            { key: 'date', header: 'Searched', className: 'text-stone-600', cell: (x) => formatLongDay(x.searchDate) },
            { key: 'records', header: 'Records', align: 'right', cell: (x) => formatCount(x.recordCount) },
          ]}
        />
      </section>

      {s.analyses.map((a, i) => (
        <PublicAnalysis key={a.id} analysis={a} download={(name) => figureFiles(`analysis-${i + 1}-${name}`)} />
      ))}

      {s.forms
        .filter((f) => f.quality)
        .map((f, i) => {
          const figures = qualityFigures(f)
          if (!figures) return null
          return (
            <section key={f.id} aria-labelledby={`q-${f.id}`} className="space-y-2">
              <h2 id={`q-${f.id}`} className="text-lg font-semibold">
                Quality of the studies ({f.name})
              </h2>
              <div className="grid gap-4 lg:grid-cols-2">
                <PublicFigure figure={figures.trafficLight} label={`${f.name}: judgements per study and domain`} download={figureFiles(`quality-${i + 1}-traffic-light`)} />
                <PublicFigure figure={figures.summary} label={`${f.name}: share of studies per judgement and domain`} download={figureFiles(`quality-${i + 1}-summary`)} />
              </div>
            </section>
          )
        })}

      <section aria-labelledby="studies-heading">
        <h2 id="studies-heading" className="text-lg font-semibold">
          Included studies ({s.studies.length})
        </h2>
        <ol className="mt-2 list-decimal space-y-1 pl-6 text-ui" data-testid="public-studies">
          {s.studies.map((st) => (
            <li key={st.id}>
              <span className="font-medium">{st.label}.</span>{' '}
              {st.reports.map((r, i) => (
                <span key={i}>
                  {r.title}. {r.journal} {r.year}
                  {r.doi ? `. doi:${r.doi}` : ''}
                  {i < st.reports.length - 1 ? '; ' : ''}
                </span>
              ))}
            </li>
          ))}
        </ol>
      </section>

      {trends.length ? (
        <section aria-labelledby="trends-heading" className="space-y-2">
          <h2 id="trends-heading" className="text-lg font-semibold">
            Estimates across versions
          </h2>
          <div className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 lg:grid-cols-2">
            {trends.map((h) => (
              <EstimateHistoryChart key={h.analysisId} history={h} />
            ))}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="text-lg font-semibold">
          Version history
        </h2>
        <ol className="mt-2 space-y-1 text-ui">
          {v.versions.map((x) => (
            <li key={x.number}>
              <Link className="font-medium text-accent-700 underline underline-offset-2" href={`/p/${slug}?v=${x.number}`} aria-current={x.number === v.number ? 'page' : undefined}>
                Version {x.number}
              </Link>{' '}
              <span className="text-stone-600">{formatLongDay(x.publishedAt)}</span> — {x.notes.split('\n')[0]}
            </li>
          ))}
        </ol>
      </section>
      <footer className="border-t border-stone-200 pt-4 text-xs text-stone-600">Made with Ferrite {s.ferriteVersion}. Published versions are immutable.</footer>
    </main>
  )
}
