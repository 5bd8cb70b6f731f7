/**
 * Title-based duplicate candidates: identical normalised titles meet in a hash map; similar titles
 * (Levenshtein ratio ≥ the threshold) are only compared within a block of the same first-author
 * surname and year, in order of title length, so 100,000 records need few comparisons.
 */
import type { DedupeRecord, DuplicateMatch, MatchConfidence } from './dedupe'
import { levenshteinRatio } from './levenshtein'
import { normalizeTitle, surnameKey } from './match-keys'
import { normalizeDoi, normalizePmid } from './normalize-fields'

/** What deduplication compares, computed once per record. */
export interface MatchKeys {
  title: string
  words: number
  /** Numbers and Roman numerals of the title: "part 1" and "part 2" are different papers. */
  numbers: string
  surname: string
  year: number | null
  doi: string
  pmid: string
  pages: string
}

export function toMatchKeys(record: DedupeRecord): MatchKeys {
  const title = normalizeTitle(record.title)
  const tokens = title === '' ? [] : title.split(' ')
  return {
    title,
    words: tokens.length,
    numbers: tokens.filter((token) => /^\d+$|^(?:i{1,3}|iv|v|vi{1,3}|ix|x)$/.test(token)).join(' '),
    surname: surnameKey(record.authors[0]),
    year: record.year,
    doi: normalizeDoi(record.doi),
    pmid: normalizePmid(record.pmid),
    pages: (record.pages ?? '').replace(/\s+/g, ''),
  }
}

/** A title match candidate, or null when the pair must not be merged on title. */
function titleLink(a: MatchKeys, b: MatchKeys, similarity: number): MatchConfidence | null {
  if (a.doi !== '' && b.doi !== '' && a.doi !== b.doi) return null
  if (a.pmid !== '' && b.pmid !== '' && a.pmid !== b.pmid) return null
  if (a.surname !== '' && b.surname !== '' && a.surname !== b.surname) return null
  const bothYears = a.year !== null && b.year !== null
  const yearGap = bothYears ? Math.abs((a.year ?? 0) - (b.year ?? 0)) : 0
  if (yearGap > (similarity === 1 ? 1 : 0)) return null
  if (similarity < 1 && a.numbers !== b.numbers) return null
  if (a.words < 4) {
    if (!bothYears || yearGap !== 0 || a.surname === '' || a.surname !== b.surname) return null
    if (a.pages !== '' && b.pages !== '' && a.pages !== b.pages) return null
    return a.pages !== '' && a.pages === b.pages ? 'exact' : 'suspected'
  }
  const complete = bothYears && a.surname !== '' && b.surname !== ''
  return similarity === 1 && yearGap === 0 && complete ? 'exact' : 'suspected'
}

/** Candidate links on identical normalised titles, then on similar titles within surname+year blocks. */
export function titleMatches(keys: MatchKeys[], minimum: number): DuplicateMatch[] {
  const out: DuplicateMatch[] = []
  const byTitle = new Map<string, number[]>()
  const blocks = new Map<string, number[]>()
  keys.forEach((key, i) => {
    if (key.title === '') return
    const same = byTitle.get(key.title)
    if (same) same.push(i)
    else byTitle.set(key.title, [i])
    if (key.surname !== '' && key.year !== null && key.words >= 4) {
      const block = `${key.surname}|${key.year}`
      const members = blocks.get(block)
      if (members) members.push(i)
      else blocks.set(block, [i])
    }
  })
  for (const members of byTitle.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = members[x] ?? 0
        const b = members[y] ?? 0
        const confidence = titleLink(keys[a] as MatchKeys, keys[b] as MatchKeys, 1)
        if (confidence) out.push({ a, b, reason: 'title', confidence, similarity: 1 })
      }
    }
  }
  for (const members of blocks.values()) {
    if (members.length < 2) continue
    members.sort((p, q) => (keys[p]?.title.length ?? 0) - (keys[q]?.title.length ?? 0))
    for (let x = 0; x < members.length; x++) {
      const a = members[x] ?? 0
      const ka = keys[a] as MatchKeys
      for (let y = x + 1; y < members.length; y++) {
        const b = members[y] ?? 0
        const kb = keys[b] as MatchKeys
        if (kb.title.length * minimum > ka.title.length) break
        if (ka.title === kb.title) continue
        const similarity = levenshteinRatio(ka.title, kb.title, minimum)
        if (similarity < minimum) continue
        const confidence = titleLink(ka, kb, similarity)
        if (confidence) out.push({ a: Math.min(a, b), b: Math.max(a, b), reason: 'title', confidence, similarity })
      }
    }
  }
  return out
}
