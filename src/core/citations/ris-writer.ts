/**
 * Records as an RIS file (the format every reference manager reads): one TY…ER block per record,
 * CRLF line ends, long fields on one line, as EndNote, Zotero and Mendeley write them.
 *
 * Example: writeRis([{ title: 'A trial', authors: ['Smith, J.'], year: 2020 }]) starts "TY  - JOUR\r\nTI  - A trial".
 */
export interface RisRecord {
  title: string
  authors?: readonly string[]
  year?: number | null
  journal?: string
  volume?: string
  issue?: string
  pages?: string
  doi?: string
  pmid?: string
  abstract?: string
  keywords?: readonly string[]
  note?: string
}

const clean = (s: string) => s.replace(/[\r\n]+/g, ' ').trim()

export function writeRis(records: readonly RisRecord[]): string {
  const lines: string[] = []
  for (const r of records) {
    const tag = (t: string, v: string | number | null | undefined) => {
      if (v !== undefined && v !== null && String(v).trim() !== '') lines.push(`${t}  - ${clean(String(v))}`)
    }
    lines.push('TY  - JOUR')
    tag('TI', r.title)
    for (const a of r.authors ?? []) tag('AU', a)
    tag('PY', r.year)
    tag('T2', r.journal)
    tag('VL', r.volume)
    tag('IS', r.issue)
    const [sp, ep] = (r.pages ?? '').split(/[-–]/)
    tag('SP', sp)
    tag('EP', ep)
    tag('DO', r.doi)
    if (r.pmid) tag('AN', r.pmid)
    tag('AB', r.abstract)
    for (const k of r.keywords ?? []) tag('KW', k)
    tag('N1', r.note)
    lines.push('ER  - ', '')
  }
  return lines.join('\r\n')
}
