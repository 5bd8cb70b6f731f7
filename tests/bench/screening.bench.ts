/**
 * Re-ranking benchmark: 50,000 synthetic records (title of 12 words, abstract of 220, words drawn from
 * a Zipf-distributed vocabulary of 30,000, 2 % of the records relevant with a topic vocabulary mixed in).
 * Features are built once; then, as the app's worker does after new votes, a model is trained on the
 * labels so far and every unlabelled record is scored and ranked. Prints the median of 5 runs of each
 * step for every screening model, with 2 % and 20 % of the records labelled.
 *
 * Run: npx tsx --conditions=react-server tests/bench/screening.bench.ts [records] [models, default all]
 *   e.g. tests/bench/screening.bench.ts 20000 nb-committee (a committee builds its members' features)
 */
import { logOdds } from '@/core/screening/linear-model'
import { mulberry32 } from '@/core/screening/prng'
import { rankUnlabelled, train, type LabelledRecord } from '@/core/screening/ranking'
import { modelMembers, screeningCommittees, screeningModelNames, screeningModels, type ClassifierModelName, type ScreeningModelName } from '@/core/screening/screening-models'
import { rankUnlabelledByMembers } from '@/core/screening/committee'
import { buildFeatures } from '@/core/screening/tfidf'

const total = Number(process.argv[2] ?? 50_000)
const requested = (process.argv[3]?.split(',') ?? screeningModelNames) as ScreeningModelName[]
for (const name of requested) modelMembers(name) // an unknown name fails here, listing the names
const classifiers = (Object.keys(screeningModels) as ClassifierModelName[]).filter(
  (c) => requested.includes(c) || requested.some((r) => Object.hasOwn(screeningCommittees, r) && (screeningCommittees[r as keyof typeof screeningCommittees].members as readonly string[]).includes(c)),
)
const runs = 5
const random = mulberry32(20240601)

const syllables = ['an', 'ber', 'cal', 'dor', 'el', 'fen', 'gar', 'hol', 'in', 'jan', 'kov', 'lin', 'mar', 'nor', 'os', 'pet', 'quin', 'ros', 'sen', 'tor', 'ul', 'van', 'wes', 'yam', 'zel']
const vocabulary = Array.from({ length: 30_000 }, (_, i) => {
  let word = ''
  for (let k = i; ; k = Math.floor(k / syllables.length) - 1) {
    word += syllables[k % syllables.length]
    if (k < syllables.length) break
  }
  return word
})
// Zipf weights 1/rank, sampled by inverting the cumulative sum.
const cumulative = new Float64Array(vocabulary.length)
vocabulary.reduce((sum, _, r) => (cumulative[r] = sum + 1 / (r + 1)), 0)
const zipfWord = () => {
  const u = random() * cumulative[cumulative.length - 1]!
  let low = 0
  let high = cumulative.length - 1
  while (low < high) {
    const mid = (low + high) >> 1
    if (cumulative[mid]! < u) low = mid + 1
    else high = mid
  }
  return vocabulary[low]!
}
const topic = vocabulary.slice(5000, 5040)
const text = (words: number, relevant: boolean) => Array.from({ length: words }, () => (relevant && random() < 0.08 ? topic[Math.floor(random() * topic.length)]! : zipfWord())).join(' ')

const labels = Array.from({ length: total }, () => (random() < 0.02 ? 1 : 0))
const records = labels.map((y) => ({ title: text(12, y === 1), abstract: text(220, y === 1) }))

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
function time<T>(f: () => T): [T, number] {
  const start = performance.now()
  const value = f()
  return [value, performance.now() - start]
}

function labelledShare(share: number): LabelledRecord[] {
  const labelled: LabelledRecord[] = []
  for (let i = 0; i < total; i++) if (random() < share) labelled.push({ index: i, label: labels[i] as 0 | 1 })
  if (!labelled.some((l) => l.label === 1)) labelled.push({ index: labels.indexOf(1), label: 1 })
  return labelled
}
const labelledSets = [labelledShare(0.02), labelledShare(0.2)]

console.log(`records ${total}; median of ${runs} runs (feature build: of 3 for nb, 1 for the others)`)
console.log('model     columns   nnz/rec  build ms  labelled  train ms  score ms  re-rank ms  warm re-rank ms')
const built = new Map<string, ReturnType<typeof buildFeatures>>()
for (const name of classifiers) {
  const model = screeningModels[name]
  const builds: number[] = []
  let features = buildFeatures([])
  for (let r = 0; r < (name === 'nb' ? 3 : 1); r++) {
    const [matrix, ms] = time(() => buildFeatures(records, model.features))
    features = matrix
    builds.push(ms)
  }
  built.set(name, features)
  for (const labelled of labelledSets) {
    const trains: number[] = []
    const scores: number[] = []
    const totals: number[] = []
    const warms: number[] = []
    // The worker's case: the previous model, trained before the last 20 votes, as a warm start.
    const previous = train(features, labelled.slice(0, -20), { ...model.training, seed: 99 })
    for (let r = 0; r < runs; r++) {
      const [fit, trainMs] = time(() => train(features, labelled, { ...model.training, seed: r }))
      trains.push(trainMs)
      scores.push(time(() => logOdds(fit, features))[1])
      totals.push(time(() => rankUnlabelled(features, labelled, { ...model.training, seed: r }))[1])
      warms.push(time(() => rankUnlabelled(features, labelled, { ...model.training, seed: r, previous }))[1])
    }
    console.log(
      [
        name.padEnd(9),
        String(features.columns).padStart(7),
        (features.value.length / total).toFixed(0).padStart(9),
        median(builds).toFixed(0).padStart(9),
        String(labelled.length).padStart(9),
        median(trains).toFixed(0).padStart(9),
        median(scores).toFixed(0).padStart(9),
        median(totals).toFixed(0).padStart(11),
        median(warms).toFixed(0).padStart(16),
      ].join(' '),
    )
  }
}
// Committees: every member trained on its own features (built above), ranked by the summed log-odds.
for (const name of requested.filter((n) => !Object.hasOwn(screeningModels, n))) {
  const memberNames = screeningCommittees[name as keyof typeof screeningCommittees].members
  const featureSets = memberNames.map((m) => built.get(m)!)
  for (const labelled of labelledSets) {
    const totals: number[] = []
    for (let r = 0; r < runs; r++) totals.push(time(() => rankUnlabelledByMembers(featureSets, labelled, modelMembers(name)))[1])
    console.log(`${name.padEnd(12)} members ${memberNames.join(' + ')}, labelled ${labelled.length}: re-rank ${median(totals).toFixed(0)} ms`)
  }
}
console.log('\nre-rank = rankUnlabelled (train + score + sort of the unlabelled records) with the features built once;')
console.log('warm = the same, starting from the model trained before the last 20 labels (only logistic and svm use it). Target under 5000 ms.')
