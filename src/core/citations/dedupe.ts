/**
 * Duplicate detection across search results (PubMed + Embase + Scopus + WoS…). Two records are the
 * same work when they share a DOI or a PMID (exact), or when their normalised titles are identical
 * or similar (Levenshtein ratio ≥ 0.9) with the same first-author surname and year. Matches are
 * merged transitively with union–find; each group names its most complete record as primary, the
 * reason of its strongest link and a confidence, "exact" (DOI, PMID, or identical title + year +
 * first author) or "suspected" (similar title, a year one apart, or a missing author or year), so
 * that a reviewer confirms or separates the suspected groups.
 *
 * Safeguards against false merges: records, or groups, whose DOIs (or PMIDs) all differ are never
 * merged on title, not even through a third record; similar (not identical) titles must carry the
 * same numbers ("part 1" / "part 2", "12-month" / "24-month" follow-ups); titles of fewer than four
 * words need the same year, author and pages.
 * Scales by blocking: identical titles meet in a hash map, similar titles only within the block of
 * the same surname and year, compared in order of length with a banded edit distance.
 *
 * Example: findDuplicates([{ title: 'A trial', authors: ['Lim, S'], year: 2020, doi: '10.1000/x', pmid: '' },
 *   { title: 'A Trial.', authors: ['Lim, SM'], year: 2020, doi: '10.1000/X', pmid: '' }]).groups
 *   -> [{ primary: 0, members: [0, 1], reason: 'doi', confidence: 'exact', … }]
 */
import { InputError } from '../input-error'
import type { CitationRecord } from './citation-record'
import { titleMatches, toMatchKeys, type MatchKeys } from './title-matches'
import { UnionFind } from './union-find'

export type DedupeRecord = Pick<CitationRecord, 'title' | 'authors' | 'year' | 'doi' | 'pmid'> &
  Partial<Pick<CitationRecord, 'abstract' | 'journal' | 'volume' | 'issue' | 'pages' | 'keywords'>> & {
    /** Whether there is an abstract, for callers that do not keep the text (see compactDedupeRecord). */
    hasAbstract?: boolean
    /** Whether there are keywords, likewise. */
    hasKeywords?: boolean
  }

export type MatchReason = 'doi' | 'pmid' | 'title'
export type MatchConfidence = 'exact' | 'suspected'

/** One link that joined two records into a group. */
export interface DuplicateMatch {
  a: number
  b: number
  reason: MatchReason
  confidence: MatchConfidence
  /** Title similarity (1 for identical normalised titles and for DOI/PMID links). */
  similarity: number
}

export interface DuplicateGroup {
  /** Index of the most complete record (abstract, DOI, PMID, authors…), kept when merging. */
  primary: number
  /** All indexes of the group, ascending, primary included. */
  members: number[]
  reason: MatchReason
  /** "suspected" when any link of the group is. */
  confidence: MatchConfidence
  /** The links that formed the group (a spanning tree, strongest links first). */
  matches: DuplicateMatch[]
}

export interface DedupeResult {
  records: number
  /** Distinct works: records minus the duplicates every group removes. */
  unique: number
  groups: DuplicateGroup[]
}

export interface DedupeOptions {
  /** Minimum Levenshtein ratio of normalised titles for a suspected match (default 0.9). */
  titleSimilarity?: number
}

const reasonRank: Record<MatchReason, number> = { doi: 0, pmid: 1, title: 2 }

/** DOIs and PMIDs present in one group; two groups whose identifiers all differ must stay apart. */
class GroupIdentifiers {
  private readonly dois = new Map<number, Set<string>>()
  private readonly pmids = new Map<number, Set<string>>()

  constructor(keys: readonly MatchKeys[]) {
    keys.forEach((key, i) => {
      if (key.doi !== '') this.dois.set(i, new Set([key.doi]))
      if (key.pmid !== '') this.pmids.set(i, new Set([key.pmid]))
    })
  }

  conflict(rootA: number, rootB: number): boolean {
    return disjoint(this.dois.get(rootA), this.dois.get(rootB)) || disjoint(this.pmids.get(rootA), this.pmids.get(rootB))
  }

  merge(kept: number, absorbed: number): void {
    for (const map of [this.dois, this.pmids]) {
      const moved = map.get(absorbed)
      if (!moved) continue
      const target = map.get(kept)
      if (target) for (const id of moved) target.add(id)
      else map.set(kept, moved)
      map.delete(absorbed)
    }
  }
}

function disjoint(a: Set<string> | undefined, b: Set<string> | undefined): boolean {
  if (!a || !b) return false
  for (const id of a) if (b.has(id)) return false
  return true
}

/** Higher is more complete; the primary record of a group is the most complete. */
export function completenessScore(record: DedupeRecord): number {
  let score = 0
  if (record.hasAbstract ?? (record.abstract ?? '') !== '') score += 4
  if (record.doi !== '') score += 3
  if (record.pmid !== '') score += 2
  if (record.authors.length > 0) score += 1
  if (record.year !== null) score += 1
  if ((record.journal ?? '') !== '') score += 1
  for (const field of [record.volume, record.issue, record.pages]) if ((field ?? '') !== '') score += 0.5
  if (record.hasKeywords ?? (record.keywords ?? []).length > 0) score += 0.5
  return score
}

/**
 * A copy of a string that does not share memory with the text it was cut from: JavaScript engines
 * may keep a substring as a view of its parent (V8's sliced strings), so a 60-character title would
 * hold a whole 1 MiB chunk of the file.
 */
const detached = (text: string): string => (text.length < 13 ? text : (' ' + text).slice(1))

/**
 * The part of a citation record deduplication reads: the first author only, and whether there is
 * an abstract and keywords instead of their text, so 100,000 records from several exports fit in
 * little memory. findDuplicates gives the same result on it as on the full record.
 */
export function compactDedupeRecord(record: CitationRecord): DedupeRecord {
  const { year } = record
  return {
    title: detached(record.title),
    authors: record.authors.slice(0, 1).map(detached),
    year,
    doi: detached(record.doi),
    pmid: detached(record.pmid),
    journal: detached(record.journal),
    volume: detached(record.volume),
    issue: detached(record.issue),
    pages: detached(record.pages),
    hasAbstract: record.abstract !== '',
    hasKeywords: record.keywords.length > 0,
  }
}

/** Links on shared DOI or PMID: each record to the first record carrying the same identifier. */
function identifierMatches(keys: MatchKeys[], field: 'doi' | 'pmid'): DuplicateMatch[] {
  const out: DuplicateMatch[] = []
  const first = new Map<string, number>()
  keys.forEach((key, i) => {
    const id = key[field]
    if (id === '') return
    const seen = first.get(id)
    if (seen === undefined) first.set(id, i)
    else out.push({ a: seen, b: i, reason: field, confidence: 'exact', similarity: 1 })
  })
  return out
}

export function findDuplicates(records: readonly DedupeRecord[], options: DedupeOptions = {}): DedupeResult {
  const minimum = options.titleSimilarity ?? 0.9
  if (!(minimum > 0 && minimum <= 1)) throw new InputError(`titleSimilarity must be in (0, 1], got ${minimum}`)
  const keys = records.map(toMatchKeys)
  const candidates = [...identifierMatches(keys, 'doi'), ...identifierMatches(keys, 'pmid'), ...titleMatches(keys, minimum)]
  // Kruskal order: exact links first, so a group is "suspected" only if it needs a suspected link.
  candidates.sort((p, q) => Number(p.confidence === 'suspected') - Number(q.confidence === 'suspected') || reasonRank[p.reason] - reasonRank[q.reason] || q.similarity - p.similarity)
  const sets = new UnionFind(records.length)
  const identifiers = new GroupIdentifiers(keys)
  const links = candidates.filter((link) => {
    // A title link must not join, even transitively, two works that carry different DOIs or PMIDs.
    if (link.reason === 'title' && identifiers.conflict(sets.find(link.a), sets.find(link.b))) return false
    const joined = sets.union(link.a, link.b)
    if (joined) identifiers.merge(...joined)
    return joined !== null
  })
  const byRoot = new Map<number, DuplicateMatch[]>()
  for (const link of links) {
    const root = sets.find(link.a)
    const group = byRoot.get(root)
    if (group) group.push(link)
    else byRoot.set(root, [link])
  }
  const groups: DuplicateGroup[] = []
  for (const matches of byRoot.values()) {
    const members = [...new Set(matches.flatMap((link) => [link.a, link.b]))].sort((p, q) => p - q)
    let primary = members[0] ?? 0
    let best = -1
    for (const index of members) {
      const score = completenessScore(records[index] as DedupeRecord)
      if (score > best) {
        best = score
        primary = index
      }
    }
    const strongest = matches.reduce((p, q) => (reasonRank[q.reason] < reasonRank[p.reason] ? q : p))
    const confidence = matches.some((link) => link.confidence === 'suspected') ? 'suspected' : 'exact'
    groups.push({ primary, members, reason: strongest.reason, confidence, matches })
  }
  groups.sort((p, q) => (p.members[0] ?? 0) - (q.members[0] ?? 0))
  return { records: records.length, unique: records.length - links.length, groups }
}
