/**
 * pdf.js's worker, standard fonts, CMaps and wasm decoders, served from the installed pdfjs-dist
 * package (same origin, so the CSP allows them) instead of copies committed to public/.
 */
import fs from 'node:fs/promises'
import path from 'node:path'

export const dynamic = 'force-dynamic'

// The bundler rewrites require.resolve into module ids; the server runs from the project folder.
const root = path.join(process.cwd(), 'node_modules/pdfjs-dist')
const allowed = /^(build\/pdf\.worker\.min\.mjs|standard_fonts\/[\w.-]+|cmaps\/[\w.-]+|wasm\/[\w.-]+|iccs\/[\w.-]+)$/
const types: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.icc': 'application/octet-stream',
}

export async function GET(_req: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const rel = (await params).path.join('/')
  if (!allowed.test(rel)) return new Response('Not found', { status: 404 })
  try {
    const bytes = await fs.readFile(path.join(root, rel))
    return new Response(new Uint8Array(bytes), {
      headers: { 'content-type': types[path.extname(rel)] ?? 'application/octet-stream', 'cache-control': 'public, max-age=31536000, immutable' },
    })
  } catch {
    return new Response('Not found', { status: 404 })
  }
}
