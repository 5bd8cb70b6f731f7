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

/**
 * How many of the title's first words the file name holds in a row, where the run is the whole title or
 * runs to the end of the name (reference managers cut titles short at the end); a name that goes on with
 * other words ("... of MRI for liver fibrosis" against "... of MRI in prostate cancer") holds none.
 */
function titlePrefixIn(titleWords: readonly string[], words: readonly string[]): number {
  let best = 0
  for (let start = 0; start < words.length; start++) {
    let n = 0
    while (n < titleWords.length && start + n < words.length && words[start + n] === titleWords[n]) n++
    if (n === titleWords.length || start + n === words.length) best = Math.max(best, n)
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

  // a DOI written with its slash replaced, escaped or dropped: its letters and digits in order, with any
  // punctuation between them, and not followed by more letters or digits (10.1136/bmj.m132 is not in
  // "10.1136_bmj.m1328.pdf")
  const lower = name.toLowerCase()
  const byDoi = candidates.filter((c) => {
    const parts = c.doi
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
    if (parts.join('').length < 8) return false
    return new RegExp(`(?<![a-z0-9])${parts.join('[^a-z0-9]*')}(?![a-z0-9])`).test(lower)
  })
  if (byDoi.length) {
    const ids = [...new Set(byDoi.map((c) => c.id))]
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
  // the surname is the name's first word or stands beside the year ("Smith 2020", "2020 Smith"), not
  // any word of a title ("Iron overload in young adults" is not by Young)
  const isYear = (w: string | undefined) => w !== undefined && /^(1[89]|20)\d\d$/.test(w)
  const placed = new Set(words.filter((_, i) => i === 0 || isYear(words[i - 1]) || isYear(words[i + 1])))
  // and the name says little else: "Jones - 2021 - Diagnostic accuracy of MRI for liver fibrosis" is
  // a title no record has, not any paper by Jones in 2021
  const besides = words.filter((w) => !isYear(w) && w !== 'et' && w !== 'al')
  const byAuthorYear = candidates.filter((c) => {
    const surname = surnameKey(c.authors[0])
    if (!surname || c.year === null || besides.length > 2) return false
    return (placed.has(surname) && years.has(c.year)) || pairs.has(`${surname}|${c.year}`)
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
