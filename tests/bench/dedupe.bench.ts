/**
 * Deduplication benchmark: 100,000 synthetic records of which about 10 % are duplicates of several
 * kinds (same DOI re-cased, same PMID without DOI, the same title re-typed by another database,
 * a typo, a year one apart), plus look-alike distinct records by the same author and year (series
 * papers "part 1"/"part 2", and titles differing by "in children"/"in adults") that a title
 * matcher may merge. Prints the time of
 * findDuplicates (median of 3 runs) and pair-wise precision and recall against the truth.
 *
 * Run: npx tsx --conditions=react-server tests/bench/dedupe.bench.ts [records]
 */
import { findDuplicates, type DedupeRecord } from '@/core/citations/dedupe'
import { mulberry32 } from '@/core/screening/prng'

const total = Number(process.argv[2] ?? 100_000)

const random = mulberry32(20240601)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
const syllables = ['an', 'ber', 'cal', 'dor', 'el', 'fen', 'gar', 'hol', 'in', 'jan', 'kov', 'lin', 'mar', 'nor', 'os', 'pet', 'quin', 'ros', 'sen', 'tor', 'ul', 'van', 'wes', 'yam', 'zel']
const surnames = Array.from({ length: 4000 }, () => {
  const name = Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(syllables)).join('')
  return name[0]?.toUpperCase() + name.slice(1)
})
const words = (
  'effect efficacy safety randomised controlled trial cohort study patients children adults therapy treatment outcome risk ' +
  'factors association systematic review meta-analysis diabetes cancer depression anxiety stroke pain surgery exercise diet ' +
  'vitamin supplementation mortality hospital primary care intervention prevention screening diagnosis accuracy imaging ' +
  'biomarker inflammation infection vaccine antibiotic resistance quality life cost effectiveness follow-up long-term ' +
  'short-term elderly women men pregnancy infants adolescents community rural urban population national survey analysis'
).split(' ')

function makeTitle(): string {
  const length = 8 + Math.floor(random() * 12)
  const title = Array.from({ length }, () => pick(words)).join(' ')
  return title[0]?.toUpperCase() + title.slice(1)
}

function typo(title: string): string {
  const at = 5 + Math.floor(random() * (title.length - 10))
  return title.slice(0, at) + title.slice(at + 1)
}

const records: DedupeRecord[] = []
const truth: number[] = []
let serial = 0
function addDistinct(): number {
  const year = 1990 + Math.floor(random() * 35)
  const hasDoi = random() < 0.8
  const record: DedupeRecord = {
    title: makeTitle(),
    authors: Array.from({ length: 1 + Math.floor(random() * 5) }, () => `${pick(surnames)}, ${pick(['A', 'B', 'C', 'J', 'M'])}.`),
    year,
    doi: hasDoi ? `10.${1000 + Math.floor(random() * 9000)}/bench.${serial}` : '',
    pmid: random() < 0.5 ? String(10_000_000 + serial) : '',
    abstract: random() < 0.85 ? 'An abstract.' : '',
    journal: 'Journal of Synthetic Data',
    pages: `${serial % 900}-${(serial % 900) + 9}`,
  }
  serial++
  records.push(record)
  truth.push(records.length - 1)
  return records.length - 1
}

const kinds = ['doi', 'pmid', 'retyped title', 'typo', 'year one apart'] as const
const duplicateCount = Math.round(total * 0.1)
const confounderCount = Math.round(total * 0.005)
while (records.length < total - duplicateCount - confounderCount * 2) addDistinct()
for (let i = 0; i < confounderCount; i++) {
  const first = addDistinct()
  const original = records[first] as DedupeRecord
  // Half are numbered series (told apart by their numbers), half differ by one population word.
  const [one, two] = i % 2 === 0 ? [': part 1', ': part 2'] : [' in children', ' in adults']
  records[first] = { ...original, title: `${original.title}${one}`, doi: '', pmid: '' }
  records.push({ ...original, title: `${original.title}${two}`, doi: '', pmid: '', pages: '' })
  truth.push(records.length - 1)
}
const distinctCount = records.length
for (let i = 0; i < duplicateCount; i++) {
  const source = Math.floor(random() * distinctCount)
  const original = records[source] as DedupeRecord
  const kind = kinds[i % kinds.length]
  let copy: DedupeRecord
  if (kind === 'doi' && original.doi !== '') copy = { ...original, title: original.title.toUpperCase(), doi: `https://doi.org/${original.doi.toUpperCase()}`, pmid: '', abstract: '' }
  else if (kind === 'pmid' && original.pmid !== '') copy = { ...original, doi: '', title: `${original.title}.` }
  else if (kind === 'typo') copy = { ...original, title: typo(original.title), doi: '', pmid: '' }
  else if (kind === 'year one apart') copy = { ...original, year: (original.year ?? 2000) + 1, doi: '', pmid: '' }
  else copy = { ...original, title: `<i>${original.title.toLowerCase()}</i>`, doi: '', pmid: '', authors: original.authors.map((a) => a.toUpperCase()) }
  records.push(copy)
  truth.push(truth[source] as number)
}

function pairsOf(groups: number[][]): Set<string> {
  const pairs = new Set<string>()
  for (const members of groups) for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) pairs.add(`${members[x]}:${members[y]}`)
  return pairs
}
const trueClusters = new Map<number, number[]>()
truth.forEach((cluster, index) => trueClusters.set(cluster, [...(trueClusters.get(cluster) ?? []), index]))
const truePairs = pairsOf([...trueClusters.values()].filter((members) => members.length > 1))

const times: number[] = []
let result = findDuplicates(records)
for (let run = 0; run < 3; run++) {
  const start = performance.now()
  result = findDuplicates(records)
  times.push(performance.now() - start)
}
const median = [...times].sort((a, b) => a - b)[1] ?? 0
const predicted = pairsOf(result.groups.map((group) => group.members))
const predictedExact = pairsOf(result.groups.filter((group) => group.confidence === 'exact').map((group) => group.members))
const hits = [...predicted].filter((pair) => truePairs.has(pair)).length
const exactHits = [...predictedExact].filter((pair) => truePairs.has(pair)).length

const rows: [string, string][] = [
  ['records', String(records.length)],
  ['true duplicate pairs', String(truePairs.size)],
  ['look-alike distinct pairs (part 1/2, children/adults)', String(confounderCount)],
  ['findDuplicates, median of 3 (s)', (median / 1000).toFixed(2)],
  ['groups (exact / suspected)', `${result.groups.length} (${result.groups.filter((g) => g.confidence === 'exact').length} / ${result.groups.filter((g) => g.confidence === 'suspected').length})`],
  ['unique', String(result.unique)],
  ['precision, all groups', (hits / Math.max(predicted.size, 1)).toFixed(4)],
  ['recall, all groups', (hits / truePairs.size).toFixed(4)],
  ['precision, exact groups only', (exactHits / Math.max(predictedExact.size, 1)).toFixed(4)],
]
const width = Math.max(...rows.map(([label]) => label.length))
console.log(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n'))
