/**
 * Which record a full-text PDF is, from its file name alone, as reference managers and publishers name
 * them: a DOI ("10.1002_jmri.27001.pdf", "10.1002%2Fjmri.27001.pdf"), a PMID ("PMID31234567.pdf",
 * "31234567.pdf"), or author, year and title (Zotero's "Smith et al. - 2020 - Deep learning for liver
 * iron.pdf", Mendeley's "Smith_2020_Deep_learning...", a bare title, "Smith2020.pdf"). A name that fits
 * two records equally is ambiguous and left for a person, never guessed.
 */
import { normalizeTitle, surnameKey } from './match-keys'

export interface FileCandidate {
  id: string
  doi: string
  pmid: string
  title: string
  authors: readonly string[]
  year: number | null
}

export type FileMatch = { kind: 'matched'; recordId: string; by: 'doi' | 'pmid' | 'title' | 'author-year' } | { kind: 'ambiguous'; recordIds: string[] } | { kind: 'none' }

const alnum = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')

function decoded(name: string): string {
  try {
    return decodeURIComponent(name)
  } catch {
    return name
  }
}

/** The words of a file name without its extension, as normalizeTitle gives a title's. */
function stemWords(fileName: string): string[] {
  const stem = decoded(fileName.replace(/^.*[\\/]/, '')).replace(/\.[a-z0-9]{1,5}$/i, '')
  return normalizeTitle(stem.replace(/[_]+/g, ' ')).split(' ').filter(Boolean)
}

/** How many of the title's first words the file name holds in a row (reference managers cut titles short). */
function titlePrefixIn(titleWords: readonly string[], words: readonly string[]): number {
  let best = 0
  for (let start = 0; start < words.length; start++) {
    let n = 0
    while (n < titleWords.length && start + n < words.length && words[start + n] === titleWords[n]) n++
    best = Math.max(best, n)
  }
  return best
}

/** The one best record for a name, or several tied, or none. */
function best(scored: { id: string; score: number }[]): FileMatch | null {
  const top = Math.max(0, ...scored.map((s) => s.score))
  if (top === 0) return null
  const ids = scored.filter((s) => s.score === top).map((s) => s.id)
  return ids.length === 1 ? { kind: 'matched', recordId: ids[0]!, by: 'title' } : { kind: 'ambiguous', recordIds: ids }
}

export function matchFileName(fileName: string, candidates: readonly FileCandidate[]): FileMatch {
  const name = decoded(fileName.replace(/^.*[\\/]/, ''))
  const key = alnum(name)

  // a DOI written with its slash replaced, escaped or dropped: compared without punctuation
  const byDoi = candidates.filter((c) => {
    const doi = alnum(c.doi)
    return doi.length >= 8 && key.includes(doi)
  })
  if (byDoi.length) {
    // "10.1000/abc1" is inside "10.1000/abc12": the longest DOI found wins
    const longest = Math.max(...byDoi.map((c) => alnum(c.doi).length))
    const ids = [...new Set(byDoi.filter((c) => alnum(c.doi).length === longest).map((c) => c.id))]
    return ids.length === 1 ? { kind: 'matched', recordId: ids[0]!, by: 'doi' } : { kind: 'ambiguous', recordIds: ids }
  }

  // a PMID as a whole number of its own (at least six digits, so a year or a page is not one)
  const numbers = new Set(name.match(/(?<!\d)\d{6,9}(?!\d)/g) ?? [])
  const byPmid = candidates.filter((c) => c.pmid && numbers.has(c.pmid))
  if (byPmid.length === 1) return { kind: 'matched', recordId: byPmid[0]!.id, by: 'pmid' }
  if (byPmid.length > 1) return { kind: 'ambiguous', recordIds: byPmid.map((c) => c.id) }

  const words = stemWords(name)
  if (words.length === 0) return { kind: 'none' }
  const wordSet = new Set(words)
  const years = new Set(words.filter((w) => /^(1[89]|20)\d\d$/.test(w)).map(Number))

  // the title's first words (at least four, or the whole of a shorter title of three or more)
  const byTitle = best(
    candidates.map((c) => {
      const titleWords = normalizeTitle(c.title).split(' ').filter(Boolean)
      const n = titlePrefixIn(titleWords, words)
      const enough = n >= Math.min(4, titleWords.length) && n >= 3
      if (!enough) return { id: c.id, score: 0 }
      // the author and year, when the name has them, break ties between similar titles
      const surname = surnameKey(c.authors[0])
      const extra = (surname && wordSet.has(surname) ? 1 : 0) + (c.year !== null && years.has(c.year) ? 1 : 0)
      return { id: c.id, score: n * 4 + extra }
    }),
  )
  if (byTitle) return byTitle

  // "Smith2020.pdf", "Smith et al 2020.pdf": a first author and a year, and only one record has both
  const glued = words.flatMap((w) => {
    const m = /^([a-z]+)((?:1[89]|20)\d\d)$/.exec(w)
    return m ? [[m[1]!, Number(m[2])] as const] : []
  })
  const pairs = new Set(glued.map(([s, y]) => `${s}|${y}`))
  const byAuthorYear = candidates.filter((c) => {
    const surname = surnameKey(c.authors[0])
    if (!surname || c.year === null) return false
    return (wordSet.has(surname) && years.has(c.year)) || pairs.has(`${surname}|${c.year}`)
  })
  if (byAuthorYear.length === 1) return { kind: 'matched', recordId: byAuthorYear[0]!.id, by: 'author-year' }
  if (byAuthorYear.length > 1) return { kind: 'ambiguous', recordIds: byAuthorYear.map((c) => c.id) }
  return { kind: 'none' }
}

/**
 * Matches many files at once; two files that fit the same record are both left ambiguous for a person
 * (which of them is the article and which its supplement is not in the name).
 */
export function matchFileNames(fileNames: readonly string[], candidates: readonly FileCandidate[]): FileMatch[] {
  const matches = fileNames.map((n) => matchFileName(n, candidates))
  const claims = new Map<string, number>()
  for (const m of matches) if (m.kind === 'matched') claims.set(m.recordId, (claims.get(m.recordId) ?? 0) + 1)
  return matches.map((m) => (m.kind === 'matched' && claims.get(m.recordId)! > 1 ? { kind: 'ambiguous', recordIds: [m.recordId] } : m))
}
