/** Downloads of a published version: extracted data (CSV), the whole version (JSON: consensus data and results only), included studies (RIS). */
import { publicVersion } from '@/server/services/publication/versions'
import { publicSnapshot } from '@/server/services/publication/snapshot'
import { errorResponse } from '@/server/api/route-auth'
import { AppError } from '@/server/errors'
import { consensusCsv } from '@/core/forms/consensus-table'
import { writeRis } from '@/core/citations/ris-writer'
import { figureByName } from '@/server/services/publication/figures'
import { svgToPng } from '@/server/plots/png'

export const dynamic = 'force-dynamic'

export async function GET(req: Request, { params }: { params: Promise<{ slug: string; file: string }> }) {
  try {
    const { slug, file } = await params
    const n = new URL(req.url).searchParams.get('v')
    const v = await publicVersion(slug, n ? Number(n) : undefined)
    if (!v.snapshot) throw new AppError('NOT_FOUND', `Version ${v.number} cannot be read.`)
    const s = publicSnapshot(v.snapshot)
    const name = `${slug}-v${v.number}`
    // a numbered version never changes; "the latest" changes when the next one is published
    const send = (body: string, type: string, ext: string) =>
      new Response(body, {
        headers: {
          'content-type': `${type}; charset=utf-8`,
          'content-disposition': `attachment; filename="${name}.${ext}"`,
          'cache-control': n ? 'public, max-age=31536000, immutable' : 'public, no-cache',
        },
      })
    if (file === 'version.json') return send(JSON.stringify({ version: v.number, publishedAt: v.publishedAt, notes: v.notes, ...s }, null, 2), 'application/json', 'json')
    if (file === 'studies.ris') return send(writeRis(s.studies.flatMap((st) => st.reports.map((r) => ({ ...r, note: `Ferrite study: ${st.label}` })))), 'application/x-research-info-systems', 'ris')
    if (file === 'data.csv') {
      const parts = s.forms
        .filter((f) => f.kind === 'EXTRACTION')
        .map((f) =>
          consensusCsv(
            f.definition,
            s.studies.map((st) => ({ id: st.id, label: st.label, dois: st.reports.map((r) => r.doi), values: f.consensus[st.id] ?? {} })),
          ),
        )
      return send(parts.join('\r\n\r\n'), 'text/csv', 'csv')
    }
    const figure = /^([A-Za-z0-9-]+)\.(svg|png)$/.exec(file)
    if (figure) {
      const drawn = figureByName(v.snapshot, figure[1]!)
      if (!drawn) throw new AppError('NOT_FOUND', 'No such figure in this version.')
      if (drawn.error !== null) throw new AppError('NOT_FOUND', drawn.error)
      const headers = {
        'content-disposition': `attachment; filename="${name}-${figure[1]}.${figure[2]}"`,
        'cache-control': n ? 'public, max-age=31536000, immutable' : 'public, no-cache',
      }
      if (figure[2] === 'svg') return new Response(drawn.svg, { headers: { ...headers, 'content-type': 'image/svg+xml; charset=utf-8' } })
      return new Response(new Uint8Array(svgToPng(drawn.svg)), { headers: { ...headers, 'content-type': 'image/png' } })
    }
    throw new AppError('NOT_FOUND', 'No such download.')
  } catch (e) {
    return errorResponse(e)
  }
}
