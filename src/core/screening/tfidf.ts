import { InputError } from '../input-error'
import { englishStopWords } from './english-stop-words'
import type { FeatureMatrix } from './feature-matrix'
import { ngrams, tokenize } from './tokenize'

/** The text of one record; missing fields count as empty. */
export interface TextRecord {
  /** Used only to name the record in error messages. */
  id?: string | number
  title?: string | null
  abstract?: string | null
  /** A string ("Humans; Male") or a list of keywords. */
  keywords?: string | readonly string[] | null
}

export interface FeatureOptions {
  /** Longest n-gram: 1 = unigrams (sklearn and ASReview default), 2 = unigrams and bigrams. */
  ngramMax?: number
  /** 'english' = sklearn's list (ASReview's setting), 'none' = keep every token (sklearn's default). */
  stopWords?: 'english' | 'none'
  /** tf -> 1 + ln(tf) (sklearn `sublinear_tf`). */
  sublinearTf?: boolean
  /** tf -> 1 for every word present (sklearn `binary`). */
  binary?: boolean
  /** Drop terms found in fewer than this many records (sklearn `min_df` as a count). */
  minDf?: number
  /** Drop terms found in more than this share of the records (sklearn `max_df` as a fraction). */
  maxDf?: number
  /** Append the keywords to title and abstract (default true: ignored when a record has none). */
  useKeywords?: boolean
  /** Multiply by idf (sklearn `use_idf`, default true). */
  useIdf?: boolean
  /** Scale each row to unit l2 norm (sklearn `norm="l2"`, default), unit sum ('l1') or leave it ('none'). */
  norm?: 'l2' | 'l1' | 'none'
  /** Also give the title's n-grams columns of their own ("title:" + n-gram), so title words weigh twice. */
  titleFeatures?: boolean
}

/** sklearn `TfidfVectorizer`'s defaults; screening-models.ts holds the settings each model uses. */
export const defaultFeatureOptions: Required<FeatureOptions> = {
  ngramMax: 1,
  stopWords: 'none',
  sublinearTf: false,
  binary: false,
  minDf: 1,
  maxDf: 1,
  useKeywords: true,
  useIdf: true,
  norm: 'l2',
  titleFeatures: false,
}

/**
 * TF-IDF features of title + abstract (+ keywords), as sklearn's `TfidfVectorizer` computes them with
 * `smooth_idf=True, norm="l2"`: for a term t in record d,
 *   tf(t, d) = raw count (or 1 + ln count when sublinear, 1 when binary),
 *   idf(t) = ln((1 + n) / (1 + df(t))) + 1, n = number of records, df = records containing t,
 *   x(d) = (tf · idf) / ||tf · idf||_2.
 * With useIdf = false and norm = 'l1' the values are each record's word frequencies (counts divided by
 * the record's length), which the default screening model uses. Columns are numbered in order of first
 * appearance (sklearn sorts them alphabetically; the order changes no model).
 * Reference: scikit-learn user guide 6.2.3.4 "Tf–idf term weighting".
 *
 * Example: buildFeatures([{ title: 'ace trial' }, { title: 'ace ace' }]) has
 * columns "ace", "trial"; idf(ace) = ln(3/3) + 1 = 1, idf(trial) = ln(3/2) + 1 = 1.405;
 * row 0 = (1, 1.405) / 1.725 = (0.580, 0.815), row 1 = (1, 0).
 */
export function buildFeatures(records: readonly TextRecord[], options: FeatureOptions = {}): FeatureMatrix {
  const opts = { ...defaultFeatureOptions, ...options }
  if (!Number.isInteger(opts.ngramMax) || opts.ngramMax < 1 || opts.ngramMax > 3) throw new InputError(`ngramMax must be 1, 2 or 3 (got ${opts.ngramMax})`)
  if (!Number.isInteger(opts.minDf) || opts.minDf < 1) throw new InputError(`minDf must be a positive integer (got ${opts.minDf})`)
  if (!(opts.maxDf > 0 && opts.maxDf <= 1)) throw new InputError(`maxDf must be a share in (0, 1] (got ${opts.maxDf})`)
  const stopWords = opts.stopWords === 'english' ? englishStopWords : undefined
  const n = records.length

  const termId = new Map<string, number>()
  const terms: string[] = []
  let docFreq = new Int32Array(4096)
  let countInRecord = new Int32Array(4096)
  const rowStart = new Int32Array(n + 1)
  let column = new Int32Array(Math.max(16, n * 64))
  let count = new Int32Array(column.length)
  let nnz = 0
  const touched: number[] = []

  for (let i = 0; i < n; i++) {
    const grams = ngrams(tokenize(recordText(records[i]!, i, opts.useKeywords), stopWords), opts.ngramMax)
    if (opts.titleFeatures) for (const gram of ngrams(tokenize(records[i]!.title ?? '', stopWords), opts.ngramMax)) grams.push(`title:${gram}`)
    for (const gram of grams) {
      let id = termId.get(gram)
      if (id === undefined) {
        id = terms.length
        terms.push(gram)
        termId.set(gram, id)
        if (id >= docFreq.length) {
          docFreq = grow(docFreq, docFreq.length * 2)
          countInRecord = grow(countInRecord, countInRecord.length * 2)
        }
      }
      if (countInRecord[id] === 0) touched.push(id)
      countInRecord[id]!++
    }
    if (nnz + touched.length > column.length) {
      const size = Math.max(column.length * 2, nnz + touched.length)
      column = grow(column, size)
      count = grow(count, size)
    }
    for (const id of touched) {
      column[nnz] = id
      count[nnz] = countInRecord[id]!
      nnz++
      docFreq[id]!++
      countInRecord[id] = 0
    }
    touched.length = 0
    rowStart[i + 1] = nnz
  }

  // Renumber the columns kept by minDf and maxDf (sklearn rounds max_df · n down) and compute their idf.
  const maxCount = opts.maxDf === 1 ? n : Math.floor(opts.maxDf * n)
  const newId = new Int32Array(terms.length).fill(-1)
  const vocabulary: string[] = []
  const idfValues: number[] = []
  for (let t = 0; t < terms.length; t++) {
    if (docFreq[t]! < opts.minDf || docFreq[t]! > maxCount) continue
    newId[t] = vocabulary.length
    vocabulary.push(terms[t]!)
    idfValues.push(opts.useIdf ? Math.log((1 + n) / (1 + docFreq[t]!)) + 1 : 1)
  }
  const idf = Float64Array.from(idfValues)

  const outStart = new Int32Array(n + 1)
  const outColumn = new Int32Array(nnz)
  const outValue = new Float32Array(nnz)
  const weight: number[] = []
  let out = 0
  for (let i = 0; i < n; i++) {
    const first = out
    let sumSquares = 0
    let sumValues = 0
    for (let p = rowStart[i]!; p < rowStart[i + 1]!; p++) {
      const j = newId[column[p]!]!
      if (j < 0) continue
      const tf = opts.binary ? 1 : opts.sublinearTf ? 1 + Math.log(count[p]!) : count[p]!
      const w = tf * idf[j]!
      outColumn[out] = j
      weight[out - first] = w
      sumSquares += w * w
      sumValues += w
      out++
    }
    const norm = sumSquares === 0 || opts.norm === 'none' ? 1 : opts.norm === 'l2' ? Math.sqrt(sumSquares) : sumValues
    for (let p = first; p < out; p++) outValue[p] = weight[p - first]! / norm
    outStart[i + 1] = out
  }

  return {
    rows: n,
    columns: vocabulary.length,
    rowStart: outStart,
    column: outColumn.slice(0, out),
    value: outValue.slice(0, out),
    vocabulary,
    idf,
  }
}

function recordText(record: TextRecord, index: number, useKeywords: boolean): string {
  const name = record.id ?? index
  const title = textField(record.title, name, 'title')
  const abstract = textField(record.abstract, name, 'abstract')
  let text = `${title} ${abstract}`
  const keywords = record.keywords
  if (useKeywords && keywords !== undefined && keywords !== null) {
    if (typeof keywords === 'string') text += ` ${keywords}`
    else if (Array.isArray(keywords) && keywords.every((k) => typeof k === 'string')) text += ` ${keywords.join(' ')}`
    else throw new InputError(`record ${name}: keywords must be a string or a list of strings`)
  }
  return text
}

function textField(value: unknown, name: string | number, field: string): string {
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string') throw new InputError(`record ${name}: ${field} must be a string`)
  return value
}

function grow(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(size)
  bigger.set(array)
  return bigger
}
