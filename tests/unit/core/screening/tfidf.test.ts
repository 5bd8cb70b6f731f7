import { describe, expect, it } from 'vitest'
import { entry } from '@/core/screening/feature-matrix'
import { buildFeatures } from '@/core/screening/tfidf'
import { ngrams, tokenize } from '@/core/screening/tokenize'
import { agrees, tolerance } from '../../../reference/tolerances'
import { reference, type TfidfCase } from './screening-reference'

const docs = reference.tfidf.docs.map((text) => ({ title: text }))

function expectMatchesReference(options: Parameters<typeof buildFeatures>[1], expected: TfidfCase) {
  const features = buildFeatures(docs, { stopWords: 'none', ...options })
  expect([...features.vocabulary].sort()).toEqual([...expected.vocabulary].sort())
  expected.vocabulary.forEach((term, j) => {
    const column = features.vocabulary.indexOf(term)
    expect(agrees(features.idf[column]!, expected.idf[j]!, tolerance.univariate)).toBe(true)
  })
  expected.rows.forEach((row, i) => {
    const stored = features.rowStart[i + 1]! - features.rowStart[i]!
    expect(stored).toBe(Object.keys(row).length)
    for (const [term, value] of Object.entries(row)) {
      // Values are stored in single precision.
      expect(entry(features, i, features.vocabulary.indexOf(term))).toBeCloseTo(value, 6)
    }
  })
}

describe('tokenize (sklearn token_pattern (?u)\\b\\w\\w+\\b, lower-cased)', () => {
  it('keeps runs of two or more word characters, Unicode letters included', () => {
    expect(tokenize('ACE-inhibitors, e.g. enalapril (2 mg) vs. Über_alles 10mg')).toEqual(['ace', 'inhibitors', 'enalapril', 'mg', 'vs', 'über_alles', '10mg'])
  })
  it('drops stop words before n-grams are formed, as sklearn does', () => {
    const stop = new Set(['of', 'the'])
    expect(ngrams(tokenize('Effect of the drug on mortality', stop), 2)).toEqual(['effect', 'drug', 'on', 'mortality', 'effect drug', 'drug on', 'on mortality'])
  })
})

describe('buildFeatures agrees with the TfidfVectorizer formulas (screening.json)', () => {
  it('unigrams, smooth idf, l2 rows', () => expectMatchesReference({}, reference.tfidf.unigrams))
  it('sublinear tf', () => expectMatchesReference({ sublinearTf: true }, reference.tfidf.sublinear))
  it('unigrams and bigrams', () => expectMatchesReference({ ngramMax: 2 }, reference.tfidf.bigrams))

  it('matches the two-record example of its doc comment', () => {
    const features = buildFeatures([{ title: 'ace trial' }, { title: 'ace ace' }], { stopWords: 'none' })
    expect(features.vocabulary).toEqual(['ace', 'trial'])
    const idfTrial = Math.log(3 / 2) + 1
    expect(features.idf[0]).toBe(1)
    expect(features.idf[1]).toBeCloseTo(idfTrial, 14)
    const norm = Math.hypot(1, idfTrial)
    expect(entry(features, 0, 0)).toBeCloseTo(1 / norm, 7)
    expect(entry(features, 0, 1)).toBeCloseTo(idfTrial / norm, 7)
    expect(entry(features, 1, 0)).toBe(1)
  })
})

describe('buildFeatures options', () => {
  const records = [
    { title: 'The effect of captopril', abstract: 'A trial of the drug.', keywords: ['Humans', 'Captopril'] },
    { title: 'Enalapril and the heart', abstract: null, keywords: 'Humans; Heart Failure' },
    { title: 'Captopril again', abstract: 'captopril' },
  ]
  it("keeps every token by default (sklearn) and removes sklearn's English stop words on request (ASReview)", () => {
    expect(buildFeatures(records).vocabulary).toContain('the')
    const features = buildFeatures(records, { stopWords: 'english' })
    expect(features.vocabulary).not.toContain('the')
    expect(features.vocabulary).not.toContain('of')
    expect(features.vocabulary).toContain('captopril')
  })
  it('appends keywords, given as a string or a list, unless told not to', () => {
    expect(buildFeatures(records).vocabulary).toContain('humans')
    expect(buildFeatures(records, { useKeywords: false }).vocabulary).not.toContain('humans')
  })
  it('drops terms by document frequency (minDf as a count, maxDf as a share)', () => {
    const minDf2 = buildFeatures(records, { minDf: 2 })
    expect([...minDf2.vocabulary].sort()).toEqual(['captopril', 'humans', 'the'])
    const maxDf = buildFeatures(records, { maxDf: 0.5 })
    expect(maxDf.vocabulary).not.toContain('captopril')
    expect(maxDf.vocabulary).toContain('enalapril')
  })
  it('keeps every row at unit l2 norm, and an empty record as an empty row', () => {
    const features = buildFeatures([...records, { title: '', abstract: 'a' }])
    for (let i = 0; i < 3; i++) {
      let sum = 0
      for (let p = features.rowStart[i]!; p < features.rowStart[i + 1]!; p++) sum += features.value[p]! ** 2
      expect(sum).toBeCloseTo(1, 6)
    }
    expect(features.rowStart[4]! - features.rowStart[3]!).toBe(0)
  })
  it('word counts, word frequencies (l1) and presence, without idf', () => {
    const doc = [{ title: 'captopril captopril trial' }, { title: 'trial' }]
    const counts = buildFeatures(doc, { useIdf: false, norm: 'none' })
    const col = (f: typeof counts, term: string) => f.vocabulary.indexOf(term)
    expect(entry(counts, 0, col(counts, 'captopril'))).toBe(2)
    expect(entry(counts, 0, col(counts, 'trial'))).toBe(1)
    const frequencies = buildFeatures(doc, { useIdf: false, norm: 'l1' })
    expect(entry(frequencies, 0, col(frequencies, 'captopril'))).toBeCloseTo(2 / 3, 7)
    expect(entry(frequencies, 1, col(frequencies, 'trial'))).toBe(1)
    const binary = buildFeatures(doc, { useIdf: false, norm: 'none', binary: true })
    expect(entry(binary, 0, col(binary, 'captopril'))).toBe(1)
  })
  it('title n-grams can get columns of their own', () => {
    const features = buildFeatures([{ title: 'Captopril', abstract: 'captopril trial' }], { titleFeatures: true, norm: 'none', useIdf: false })
    expect([...features.vocabulary].sort()).toEqual(['captopril', 'title:captopril', 'trial'])
    expect(entry(features, 0, features.vocabulary.indexOf('captopril'))).toBe(2)
  })
  it('rejects a field of the wrong type, naming the record and the field', () => {
    expect(() => buildFeatures([{ id: 'r7', title: 3 as unknown as string }])).toThrow(/record r7: title must be a string/)
    expect(() => buildFeatures([{ keywords: [1] as unknown as string[] }])).toThrow(/record 0: keywords/)
    expect(() => buildFeatures(records, { ngramMax: 4 })).toThrow(RangeError)
  })
})
