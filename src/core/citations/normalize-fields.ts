/**
 * Field normalisation shared by every parser, so that a DOI, a PMID, a year or an author written by
 * PubMed, Ovid, Scopus or Zotero compares equal after import.
 */

const doiPrefix = /^(?:https?:\/\/)?(?:dx\.|www\.)?doi\.org\/|^doi:?\s*|^\s*https?:\/\/[^/]*\/doi\/(?:abs\/|full\/|pdf\/)?/i

/**
 * "https://doi.org/10.1002/CPP.2398", "doi: 10.1002/cpp.2398", "10.1002/cpp.2398 [doi]" all give
 * "10.1002/cpp.2398"; anything that is not a DOI gives ''.
 */
export function normalizeDoi(value: string): string {
  let doi = value.trim()
  if (doi === '') return ''
  doi = doi.replace(doiPrefix, '').trim()
  if (doi.includes('%')) {
    try {
      doi = decodeURIComponent(doi)
    } catch {
      // a literal % in a DOI is legal; keep it
    }
  }
  doi = doi.split(/\s/)[0] ?? ''
  doi = doi.replace(/[.,;]+$/, '').toLowerCase()
  return /^10\.\d{3,9}\/\S+$/.test(doi) ? doi : ''
}

/** Finds a DOI inside a URL or free text (SFX links, Scopus record URLs, notes). */
export function findDoiInText(text: string): string {
  const match =
    /doi\.org\/(10\.\d{3,9}\/[^\s?#&"<>]+)/i.exec(text) ?? /[?&](?:rft_id=info:doi\/|id=doi:|doi=)(10\.\d{3,9}(?:\/|%2f)[^\s&#"<>]+)/i.exec(text) ?? /\bdoi:\s*(10\.\d{3,9}\/[^\s"<>]+)/i.exec(text)
  return match?.[1] ? normalizeDoi(match[1]) : ''
}

/** "PMID: 21553931", "21553931 [pubmed]" give "21553931"; a PMC id or text without digits gives ''. */
export function normalizePmid(value: string): string {
  const trimmed = value.trim()
  if (/^pmc/i.test(trimmed)) return ''
  const match = /\d{1,9}/.exec(trimmed)
  return match ? match[0].replace(/^0+(?=\d)/, '') : ''
}

/** First plausible year in "2019//", "2019/05/01/", "1996 Jul 9", "September 1, 2021". */
export function parseYear(value: string): number | null {
  const match = /(?:^|\D)(1[5-9]\d\d|20\d\d)(?!\d)/.exec(value)
  return match?.[1] ? Number(match[1]) : null
}

/** "SP 152", "EP 160" give "152-160"; Ovid's "No"/"Specified" placeholder gives ''. */
export function joinPages(start: string, end: string): string {
  const first = start.trim()
  const last = end.trim()
  if (/^no$/i.test(first) && /^specified$/i.test(last)) return ''
  if (first === '') return last
  if (last === '' || first.includes('-') || first === last) return first
  return `${first}-${last}`
}

/** "03064530 (ISSN)", "0894-9867, 0894-9867" give the first ISSN/ISBN as written. */
export function normalizeIssn(value: string): string {
  return (value.split(/[,;]|\s\(/)[0] ?? '').trim()
}

const nameParticles = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'del', 'della', 'di', 'du', 'la', 'le', 'dos', 'das', 'ter', 'ten', 'zu', 'af', 'al', 'el', 'bin', 'ibn'])
const initialsToken = /^(?:[A-Z]\.?-?){1,4}$|^(?:[A-Z]\.-?){1,4}[A-Z]?$/

export interface AuthorNameOptions {
  /** Also turn "John Smith" and "A. Smith" into "Smith, John" (BibTeX, Lens, IEEE); off for tagged formats. */
  firstLast?: boolean
}

/**
 * Brings an author name to "Last, First" form. Commas are kept as the source put them
 * ("Trindade, Ines A"); "Casbon JA" and "Liu R." (MEDLINE AU, Embase) become "Casbon, JA" and
 * "Liu, R."; e-mail addresses in parentheses (Zoological Record) are removed.
 */
export function normalizeAuthorName(value: string, options: AuthorNameOptions = {}): string {
  let name = value.includes('@') ? value.replace(/\([^()]*@[^()]*\)/g, '') : value
  if (/\s\s|[^\S ]/.test(name)) name = name.replace(/\s+/g, ' ')
  if (/^[\s;,.]|[\s;,]$/.test(name)) name = name.replace(/^[\s;,.]+|[\s;,]+$/g, '')
  if (name === '') return ''
  const comma = name.indexOf(',')
  if (comma >= 0) {
    const last = name.slice(0, comma).trim()
    const first = name.slice(comma + 1).trim()
    return first === '' ? last : `${last}, ${first}`
  }
  const tokens = name.split(' ')
  if (tokens.length < 2 || /\d/.test(name)) return name
  const lastToken = tokens[tokens.length - 1] ?? ''
  if (initialsToken.test(lastToken)) return `${tokens.slice(0, -1).join(' ')}, ${lastToken}`
  if (!options.firstLast || tokens.length > 4) return name
  let surnameStart = tokens.length - 1
  for (let i = 1; i < tokens.length - 1; i++) {
    if (nameParticles.has((tokens[i] ?? '').toLowerCase())) {
      surnameStart = i
      break
    }
  }
  return `${tokens.slice(surnameStart).join(' ')}, ${tokens.slice(0, surnameStart).join(' ')}`
}

/** Normalises a list of names, dropping empties. */
export function normalizeAuthorList(names: readonly string[], options: AuthorNameOptions = {}): string[] {
  const out: string[] = []
  for (const raw of names) {
    const name = normalizeAuthorName(raw, options)
    if (name !== '') out.push(name)
  }
  return out
}

/** Splits "a; b; c" keyword strings, trimming and dropping empties and duplicates. */
export function splitKeywords(values: readonly string[], separator: RegExp = /;/): string[] {
  const out: string[] = []
  for (const value of values) {
    for (const part of separator.test(value) ? value.split(separator) : [value]) {
      const keyword = (/\s\s|[^\S ]/.test(part) ? part.replace(/\s+/g, ' ') : part).trim()
      if (keyword !== '' && !out.includes(keyword)) out.push(keyword)
    }
  }
  return out
}
