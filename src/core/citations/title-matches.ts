/**
 * Title-based duplicate candidates, in time close to linear in the number of records:
 * - identical normalised titles meet in a hash map; within one title, records are split by
 *   first-author surname and year, and each record is linked to the first compatible record of its
 *   split (a star, not every pair: 3,000 copies of one title give 2,999 links, not 4.5 million);
 *   the first records of compatible splits (a year apart, or a missing author or year) are linked
 *   to each other;
 * - similar titles (Levenshtein ratio ≥ the threshold) are only compared within a block of the same
 *   first-author surname and year, in order of title length, and only when a cheap lower bound of
 *   the edit distance — the excess of one title's character counts over the other's (Ukkonen 1992,
 *   Theor Comput Sci 92:191, q-grams with q = 1) — allows the threshold.
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

/**
 * Records of one title, surname and year that may merge: the first (head), and the DOI, PMID and
 * pages its members carry so far (at most one of each, or they could not have merged).
 */
interface TitleCluster {
  head: number
  doi: string
  pmid: string
  pages: string
  /** The member that brought `pages`, for an exact link on the same pages. */
  pagesMember: number
}

/** The records of one title with the same surname and year, as clusters that conflict pairwise. */
interface TitleSplit {
  surname: string
  year: number | null
  clusters: TitleCluster[]
}

const agree = (a: string, b: string): boolean => a === '' || b === '' || a === b

function acceptsRecord(cluster: TitleCluster, key: MatchKeys, short: boolean): boolean {
  return agree(cluster.doi, key.doi) && agree(cluster.pmid, key.pmid) && (!short || agree(cluster.pages, key.pages))
}

/** Adds record i to the first cluster of its split that accepts it (one with the same pages first), or opens a cluster. */
function joinCluster(keys: readonly MatchKeys[], split: TitleSplit, i: number, short: boolean, out: DuplicateMatch[]): void {
  const key = keys[i] as MatchKeys
  let chosen: TitleCluster | null = null
  for (const cluster of split.clusters) {
    if (!acceptsRecord(cluster, key, short)) continue
    chosen ??= cluster
    if (short && key.pages !== '' && cluster.pages === key.pages) {
      chosen = cluster
      break
    }
  }
  if (!chosen) {
    split.clusters.push({ head: i, doi: key.doi, pmid: key.pmid, pages: key.pages, pagesMember: i })
    return
  }
  const target = short && key.pages !== '' && key.pages === chosen.pages ? chosen.pagesMember : chosen.head
  const confidence = titleLink(keys[target] as MatchKeys, key, 1)
  if (confidence) out.push({ a: Math.min(target, i), b: Math.max(target, i), reason: 'title', confidence, similarity: 1 })
  if (chosen.doi === '') chosen.doi = key.doi
  if (chosen.pmid === '') chosen.pmid = key.pmid
  if (chosen.pages === '' && key.pages !== '') {
    chosen.pages = key.pages
    chosen.pagesMember = i
  }
}

const yearsCompatible = (a: number | null, b: number | null): boolean => a === null || b === null || Math.abs(a - b) <= 1

/** Links among the records (ascending indexes) that share one normalised title. */
function identicalTitleLinks(keys: readonly MatchKeys[], members: readonly number[], out: DuplicateMatch[]): void {
  const short = (keys[members[0] as number] as MatchKeys).words < 4
  const splits = new Map<string, TitleSplit>()
  for (const i of members) {
    const key = keys[i] as MatchKeys
    // A short title ("Editorial") only ever matches with the same author and year.
    if (short && (key.surname === '' || key.year === null)) continue
    const name = `${key.surname}|${key.year ?? ''}`
    let split = splits.get(name)
    if (!split) {
      split = { surname: key.surname, year: key.year, clusters: [] }
      splits.set(name, split)
    }
    joinCluster(keys, split, i, short, out)
  }
  if (short || splits.size < 2) return
  // Across splits: the same surname a year apart, or a missing surname or year on either side.
  const all = [...splits.values()]
  const bySurname = new Map<string, TitleSplit[]>()
  const noSurname: TitleSplit[] = []
  for (const split of all) {
    if (split.surname === '') noSurname.push(split)
    else {
      const same = bySurname.get(split.surname)
      if (same) same.push(split)
      else bySurname.set(split.surname, [split])
    }
  }
  const order = new Map(all.map((split, i) => [split, i]))
  for (const split of all) {
    const candidates = split.surname === '' ? all : [...(bySurname.get(split.surname) ?? []), ...noSurname]
    for (const other of candidates) {
      if ((order.get(other) as number) <= (order.get(split) as number) || !yearsCompatible(split.year, other.year)) continue
      for (const mine of split.clusters)
        for (const theirs of other.clusters) {
          if (!agree(mine.doi, theirs.doi) || !agree(mine.pmid, theirs.pmid)) continue
          const confidence = titleLink(keys[mine.head] as MatchKeys, keys[theirs.head] as MatchKeys, 1)
          if (confidence) out.push({ a: Math.min(mine.head, theirs.head), b: Math.max(mine.head, theirs.head), reason: 'title', confidence, similarity: 1 })
        }
    }
  }
}

const profileSize = 64

/** Counts of each character of a normalised title (letters, digits, space; other characters share 27 slots). */
function characterProfile(title: string, into: Uint8Array, offset: number): void {
  for (let i = 0; i < title.length; i++) {
    const c = title.charCodeAt(i)
    const slot = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? c - 22 : c === 32 ? 36 : 37 + (c % 27)
    const at = offset + slot
    if ((into[at] as number) < 255) into[at] = (into[at] as number) + 1
  }
}

/**
 * A lower bound of the edit distance: each edit changes one character count by one in each
 * direction at most, so the distance is at least the larger of the surplus of either title.
 * Stops counting once the bound exceeds `limit`.
 */
function countDistanceExceeds(profiles: Uint8Array, a: number, b: number, limit: number): boolean {
  let surplusA = 0
  let surplusB = 0
  const oa = a * profileSize
  const ob = b * profileSize
  for (let s = 0; s < profileSize; s++) {
    const d = (profiles[oa + s] as number) - (profiles[ob + s] as number)
    if (d > 0) surplusA += d
    else surplusB -= d
    if (surplusA > limit || surplusB > limit) return true
  }
  return false
}

/** Similar (not identical) titles within one block of the same surname and year. */
function similarTitleLinks(keys: readonly MatchKeys[], members: number[], minimum: number, out: DuplicateMatch[]): void {
  members.sort((p, q) => (keys[p]?.title.length ?? 0) - (keys[q]?.title.length ?? 0))
  const profiles = new Uint8Array(members.length * profileSize)
  members.forEach((m, j) => characterProfile((keys[m] as MatchKeys).title, profiles, j * profileSize))
  for (let x = 0; x < members.length; x++) {
    const a = members[x] ?? 0
    const ka = keys[a] as MatchKeys
    for (let y = x + 1; y < members.length; y++) {
      const b = members[y] ?? 0
      const kb = keys[b] as MatchKeys
      if (kb.title.length * minimum > ka.title.length) break
      if (ka.title === kb.title) continue
      const maxDistance = Math.floor((1 - minimum) * kb.title.length + 1e-9)
      if (countDistanceExceeds(profiles, x, y, maxDistance)) continue
      const similarity = levenshteinRatio(ka.title, kb.title, minimum)
      if (similarity < minimum) continue
      const confidence = titleLink(ka, kb, similarity)
      if (confidence) out.push({ a: Math.min(a, b), b: Math.max(a, b), reason: 'title', confidence, similarity })
    }
  }
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
  for (const members of byTitle.values()) if (members.length > 1) identicalTitleLinks(keys, members, out)
  for (const members of blocks.values()) if (members.length > 1) similarTitleLinks(keys, members, minimum, out)
  return out
}
