import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compactDedupeRecord, findDuplicates, type DedupeRecord } from '@/core/citations/dedupe'
import { NewlineNormalizer } from '@/core/citations/line-splitter'
import { InputError } from '@/core/input-error'
import { boundedLevenshtein, levenshteinRatio } from '@/core/citations/levenshtein'
import { normalizeTitle, surnameKey } from '@/core/citations/match-keys'
import { parseCitations } from '@/core/citations/parse-citations'
import { importsAvailable, readImport, skipReason } from './import-fixtures'

const base: DedupeRecord = { title: '', authors: [], year: null, doi: '', pmid: '' }
const rec = (fields: Partial<DedupeRecord>): DedupeRecord => ({ ...base, ...fields })
const title = 'Nest site selection and nest survival of Black-backed Woodpeckers after wildfire'

function naiveLevenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
  return d[a.length]![b.length]!
}

describe('line endings', () => {
  it('turns CRLF, CR and a CRLF split across chunks into LF, dropping a leading BOM', () => {
    const newlines = new NewlineNormalizer()
    expect(['\ufeffa\r', '\nb\rc\r\n', 'd'].map((chunk) => newlines.normalize(chunk)).join('')).toBe('a\nb\nc\nd')
  })
})

describe('keys and distances', () => {
  it('normalizeTitle: case, diacritics, HTML, punctuation and spaces', () => {
    expect(normalizeTitle('Café <i>au  lait</i>: a “Trial” — Naïve.')).toBe('cafe au lait a trial naive')
    expect(normalizeTitle('NEST SITE SELECTION.')).toBe(normalizeTitle('Nest site selection'))
    expect(surnameKey('van Acker, B.')).toBe('vanacker')
    expect(surnameKey('Hancké, Bob')).toBe(surnameKey('HANCKE, B'))
  })

  it('the banded Levenshtein distance equals the full dynamic programme within the band', () => {
    expect(boundedLevenshtein('kitten', 'sitting', 5)).toBe(3)
    expect(boundedLevenshtein('kitten', 'sitting', 2)).toBe(3)
    expect(levenshteinRatio('colour', 'color', 0.8)).toBeCloseTo(5 / 6, 12)
    fc.assert(
      fc.property(fc.string({ maxLength: 25 }), fc.string({ maxLength: 25 }), fc.integer({ min: 0, max: 30 }), (a, b, limit) => {
        const exact = naiveLevenshtein(a, b)
        expect(boundedLevenshtein(a, b, limit)).toBe(exact <= limit ? exact : limit + 1)
      }),
      { numRuns: 500 },
    )
  })
})

describe('findDuplicates', () => {
  it('exact on DOI (any prefix or case) and on PMID', () => {
    const result = findDuplicates([
      rec({ title: 'One', doi: 'https://doi.org/10.1000/ABC' }),
      rec({ title: 'Completely different wording', doi: '10.1000/abc' }),
      rec({ title: 'Two', pmid: '123' }),
      rec({ title: 'Other', pmid: 'PMID: 123' }),
      rec({ title: 'Alone', doi: '10.1000/xyz', pmid: '999' }),
    ])
    expect(result.unique).toBe(3)
    expect(result.groups.map((group) => [group.members, group.reason, group.confidence])).toEqual([
      [[0, 1], 'doi', 'exact'],
      [[2, 3], 'pmid', 'exact'],
    ])
  })

  it('titles: identical + same year + same first author is exact; a year apart or a typo is suspected', () => {
    const result = findDuplicates([
      rec({ title, authors: ['Stillman, Andrew N.'], year: 2019 }),
      rec({ title: `${title.toUpperCase()}.`, authors: ['Stillman, A.N.'], year: 2019 }),
      rec({ title, authors: ['Stillman, AN'], year: 2020 }),
      rec({ title: title.replace('Woodpeckers', 'Wood-peckers').replace('survival', 'survivl'), authors: ['Stillman, A'], year: 2021 }),
      rec({ title: title.replace('Woodpeckers', 'Wood-peckers').replace('survival', 'survivl'), authors: ['Stillman, A'], year: 2019 }),
    ])
    expect(result.groups).toHaveLength(1)
    const group = result.groups[0]
    expect(group?.members).toEqual([0, 1, 2, 4])
    expect(group?.confidence).toBe('suspected')
    expect(group?.matches.map((match) => [match.a, match.b, match.confidence])).toEqual([
      [0, 1, 'exact'],
      [0, 2, 'suspected'],
      [0, 4, 'suspected'],
    ])
    expect(group?.matches[2]?.similarity).toBeGreaterThan(0.9)
    expect(group?.matches[2]?.similarity).toBeLessThan(1)
  })

  it('no title merge across different first authors, years two apart, or differing DOIs/PMIDs', () => {
    const result = findDuplicates([
      rec({ title, authors: ['Stillman, A'], year: 2019, doi: '10.1000/a' }),
      rec({ title, authors: ['Siegel, R'], year: 2019 }),
      rec({ title, authors: ['Stillman, A'], year: 2017 }),
      rec({ title, authors: ['Stillman, A'], year: 2019, doi: '10.1000/erratum' }),
      rec({ title, authors: ['Stillman, A'], year: 2019, pmid: '1' }),
      rec({ title, authors: ['Stillman, A'], year: 2019, pmid: '2' }),
    ])
    // 4 and 5 both fit 0 and 3 by title, but no group may hold two DOIs or two PMIDs.
    expect(result.groups.map((group) => group.members)).toEqual([
      [0, 4],
      [3, 5],
    ])
  })

  it('short titles ("Editorial") need the same author, year and pages', () => {
    const result = findDuplicates([
      rec({ title: 'Editorial', authors: ['Wang, PP'], year: 2003, pages: '1-2' }),
      rec({ title: 'Editorial', authors: ['Wang, PP'], year: 2003, pages: '5-6' }),
      rec({ title: 'Editorial.', authors: ['Wang, P'], year: 2003, pages: '1-2' }),
      rec({ title: 'Editorial', authors: [], year: 2003 }),
    ])
    expect(result.groups.map((group) => [group.members, group.confidence])).toEqual([[[0, 2], 'exact']])
  })

  it('merges transitively and keeps the most complete record as primary', () => {
    const result = findDuplicates([
      rec({ title, authors: ['Stillman, A'], year: 2019 }),
      rec({ title: 'Nest site selection… (Scopus)', doi: '10.1093/condor/duz039', authors: ['Stillman, A'], year: 2019 }),
      rec({ title, authors: ['Stillman, A'], year: 2019, doi: '10.1093/CONDOR/DUZ039', abstract: 'Recently burned forests…', pmid: '42' }),
    ])
    expect(result.groups).toEqual([expect.objectContaining({ members: [0, 1, 2], primary: 2, reason: 'doi', confidence: 'exact' })])
    expect(result.unique).toBe(1)
  })

  it('rejects a similarity threshold outside (0, 1]', () => {
    expect(() => findDuplicates([], { titleSimilarity: 0 })).toThrow(InputError)
  })

  it('links 3,000 copies of one title in a star (one link each), not all 4.5 million pairs', () => {
    const records = Array.from({ length: 3000 }, () => rec({ title, authors: ['Stillman, A'], year: 2019 }))
    const result = findDuplicates(records)
    expect(result.groups).toHaveLength(1)
    expect(result.groups[0]?.matches).toHaveLength(2999)
    expect(result.groups[0]?.confidence).toBe('exact')
    expect(result.unique).toBe(1)
  })

  it('links copies of one title across authors and years as the pairwise rules allow', () => {
    const result = findDuplicates([
      rec({ title, authors: ['Stillman, A'], year: 2019 }),
      rec({ title, authors: ['Siegel, R'], year: 2019 }),
      rec({ title, authors: ['Stillman, A'], year: 2020 }),
      rec({ title, authors: [], year: 2019 }),
      rec({ title, authors: ['Siegel, R'], year: 2019 }),
      rec({ title, authors: ['Siegel, R'], year: 2022 }),
    ])
    // the record without an author joins both authors' copies (suspected), as any pair of them would
    expect(result.groups.map((g) => [g.members, g.confidence])).toEqual([[[0, 1, 2, 3, 4], 'suspected']])
  })

  it('compares 4,000 different titles of one author and year without a false match, and still finds a typo', () => {
    const words = 'effect efficacy safety randomised controlled trial cohort study patients children adults therapy treatment outcome risk'.split(' ')
    let seed = 7
    const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    const records = Array.from({ length: 4000 }, (_, i) =>
      rec({ title: `${Array.from({ length: 9 }, () => words[Math.floor(random() * words.length)]).join(' ')} ${i}`, authors: ['Smith, J'], year: 2020 }),
    )
    records.push(rec({ title: (records[17] as DedupeRecord).title.replace('e', ''), authors: ['Smith, J'], year: 2020 }))
    const result = findDuplicates(records)
    expect(result.groups.map((g) => g.members)).toEqual([[17, 4000]])
  })

  it('gives the same groups on compact records (first author, no abstract text) as on full ones', () => {
    const full = [
      {
        title,
        authors: ['Stillman, A', 'Siegel, R'],
        year: 2019,
        doi: '',
        pmid: '',
        abstract: '',
        keywords: [],
        journal: 'Condor',
        volume: '',
        issue: '',
        pages: '',
        url: '',
        type: '',
        language: '',
        issn: '',
        sourceId: '',
        line: 1,
      },
      {
        title,
        authors: ['Stillman, A'],
        year: 2019,
        doi: '10.1/x',
        pmid: '',
        abstract: 'Long text…',
        keywords: ['fire'],
        journal: '',
        volume: '1',
        issue: '',
        pages: '',
        url: '',
        type: '',
        language: '',
        issn: '',
        sourceId: '',
        line: 9,
      },
    ]
    const compact = full.map(compactDedupeRecord)
    expect(compact[1]).toMatchObject({ authors: ['Stillman, A'], hasAbstract: true, hasKeywords: true })
    expect('abstract' in (compact[1] as object)).toBe(false)
    expect(findDuplicates(compact)).toEqual(findDuplicates(full))
  })
})

describe.skipIf(!importsAvailable)(`deduplication of real exports (${importsAvailable ? 'found' : skipReason})`, () => {
  it('Scopus RIS + Zoological Record: the 17 shared DOIs are found, no group joins two records of one file but the one true duplicate', () => {
    const scopus = parseCitations(readImport('synthesisr__scopus.ris')).records
    const zoorec = parseCitations(readImport('synthesisr__zoorec.txt')).records
    const all = [...scopus, ...zoorec]
    const fromZoorec = (index: number) => index >= scopus.length
    const sharedDois = scopus.map((record) => record.doi).filter((doi) => doi !== '' && zoorec.some((other) => other.doi === doi))
    expect(sharedDois).toHaveLength(17)
    const result = findDuplicates(all)
    for (const doi of sharedDois) {
      const group = result.groups.find((candidate) => candidate.members.some((index) => all[index]?.doi === doi))
      expect(group?.reason).toBe('doi')
      expect(group?.members.filter(fromZoorec)).toHaveLength(1)
      expect(group?.members.filter((index) => !fromZoorec(index))).toHaveLength(1)
    }
    const withinOneFile = result.groups.filter((group) => group.members.filter(fromZoorec).length > 1 || group.members.filter((index) => !fromZoorec(index)).length > 1)
    // Zoological Record indexes Wickman (1965) Pan-Pacific Entomologist 41:162-164 twice (OCR variants of the title).
    expect(withinOneFile.map((group) => group.members.map((index) => [all[index]?.line, all[index]?.pages]))).toEqual([
      [
        [6283, '162-164'],
        [6310, '162-164'],
      ],
    ])
    expect(withinOneFile[0]?.confidence).toBe('suspected')
    expect(result.groups.every((group) => group.members.length === 2)).toBe(true)
    expect(result.groups.filter((group) => group.reason === 'doi')).toHaveLength(17)
    expect(result.unique).toBe(all.length - result.groups.length)
  })

  it.each([
    ['asreview___baseline.ris', []],
    ['bibliometrix__savedrecs.bib', []],
    ['synthesisr__scopus.ris', []],
    // Scopus lists the CLADAG 2013 paper twice, as a book chapter and as a conference paper, with one DOI.
    ['bibliometrix__scopus.bib', [[345, 419]]],
  ])('%s: only true duplicates are grouped', (name, expected) => {
    const records = parseCitations(readImport(name)).records
    const groups = findDuplicates(records).groups
    expect(groups.map((group) => group.members.map((index) => records[index]?.line))).toEqual(expected)
  })
})
