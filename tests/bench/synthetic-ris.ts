/**
 * A synthetic RIS export for benchmarks: realistic records (3–8 authors, 5–10 keywords, abstracts of a
 * chosen length, CRLF line ends, one abstract in ten wrapped over untagged lines), seeded so every run
 * writes the same file.
 */
import fs from 'node:fs'
import { mulberry32 } from '@/core/screening/prng'

export function writeSyntheticRis(file: string, count: number, abstractChars: [number, number] = [1000, 2000]): void {
  const random = mulberry32(7)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const vocabulary = (
    'the of and in to a with for patients study was were results treatment group effect clinical randomized trial ' +
    'outcomes risk months compared significant analysis data years associated increased reduced mortality ' +
    'intervention control cohort baseline follow-up primary secondary hospital children adults women men dose ' +
    'placebo therapy efficacy safety adverse events confidence interval ratio mean median score quality life'
  ).split(' ')
  const sentence = (words: number) => Array.from({ length: words }, () => pick(vocabulary)).join(' ')
  const fd = fs.openSync(file, 'w')
  let chunk = ''
  for (let i = 0; i < count; i++) {
    const abstractLength = abstractChars[0] + Math.floor(random() * (abstractChars[1] - abstractChars[0]))
    let abstract = ''
    while (abstract.length < abstractLength) abstract += `${sentence(8 + Math.floor(random() * 12))}. `
    abstract = abstract.slice(0, abstractLength)
    const lines = ['TY  - JOUR', `TI  - ${sentence(10 + Math.floor(random() * 10))}`]
    for (let a = 0, n = 3 + Math.floor(random() * 6); a < n; a++) lines.push(`AU  - Surname${Math.floor(random() * 50000)}, ${pick(['A', 'B', 'C', 'J', 'M'])}.`)
    lines.push(`PY  - ${1990 + Math.floor(random() * 35)}`, `T2  - Journal of ${sentence(3)}`, `VL  - ${1 + (i % 120)}`, `IS  - ${1 + (i % 12)}`)
    lines.push(`SP  - ${i % 900}`, `EP  - ${(i % 900) + 12}`, `DO  - 10.${1000 + (i % 9000)}/synthetic.${i}`, `SN  - 1234-567X`)
    // One record in ten wraps its abstract over untagged lines, as EndNote exports do.
    if (i % 10 === 0) lines.push(`AB  - ${abstract.slice(0, 500)}`, abstract.slice(500))
    else lines.push(`AB  - ${abstract}`)
    for (let k = 0, n = 5 + Math.floor(random() * 6); k < n; k++) lines.push(`KW  - ${sentence(1 + Math.floor(random() * 3))}`)
    lines.push(`UR  - https://www.example.org/record/${i}`, 'ER  - ', '')
    chunk += lines.join('\r\n') + '\r\n'
    if (chunk.length > 1 << 22) {
      fs.writeSync(fd, chunk)
      chunk = ''
    }
  }
  fs.writeSync(fd, chunk)
  fs.closeSync(fd)
}
