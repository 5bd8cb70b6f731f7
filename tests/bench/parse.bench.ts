/**
 * Parsing benchmark: writes a synthetic 100,000-record RIS export (realistic records: 3–8 authors,
 * 5–10 keywords, abstracts of 1,000–2,000 characters, CRLF line ends, a few wrapped AB lines) to
 * a temporary folder, then parses it as `ferrite import` does (sniff, decode and parse 1 MiB at a
 * time), each run in a fresh process so that its peak RSS is its own. Also times the whole-file
 * `parseCitations` path, which holds the text and every record at once. Prints medians over the
 * runs of wall time, CPU time (steadier on a shared machine), MB/s and peak RSS (the child's
 * maxRSS, which includes the ~50 MB of Node and tsx).
 *
 * Run: npx tsx --conditions=react-server tests/bench/parse.bench.ts [records] [runs]
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createStreamTextDecoder } from '@/core/citations/decode-text'
import { sniffCitationBytes } from '@/core/citations/detect-format'
import { parseCitations } from '@/core/citations/parse-citations'
import { createStreamingParser } from '@/core/citations/streaming-parser'
import { writeSyntheticRis } from './synthetic-ris'

interface RunFigures {
  seconds: number
  cpuSeconds: number
  records: number
  withAbstract: number
  peakRssMb: number
}

function childRun(mode: 'stream' | 'whole', file: string): RunFigures {
  const started = performance.now()
  let records = 0
  let withAbstract = 0
  if (mode === 'stream') {
    const fd = fs.openSync(file, 'r')
    const buffer = new Uint8Array(1 << 20)
    let length = fs.readSync(fd, buffer, 0, buffer.length, null)
    const sniffed = sniffCitationBytes(buffer.subarray(0, Math.min(length, 65536)))
    if (!sniffed.format) throw new Error(JSON.stringify(sniffed.error))
    const decoder = createStreamTextDecoder(sniffed.encoding)
    const parser = createStreamingParser(sniffed.format)
    const count = (completed: { abstract: string }[]) => {
      records += completed.length
      for (const record of completed) if (record.abstract !== '') withAbstract++
    }
    while (length > 0) {
      count(parser.push(decoder.decode(buffer.subarray(0, length))))
      length = fs.readSync(fd, buffer, 0, buffer.length, null)
    }
    count(parser.push(decoder.end()))
    count(parser.end())
    fs.closeSync(fd)
  } else {
    const result = parseCitations(fs.readFileSync(file))
    records = result.records.length
    withAbstract = result.records.filter((record) => record.abstract !== '').length
  }
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage()
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  return { seconds, cpuSeconds, records, withAbstract, peakRssMb: process.resourceUsage().maxRSS / 1024 }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? NaN

function main(): void {
  const [mode, file] = [process.argv[3], process.argv[4]]
  if (process.argv[2] === '--child' && (mode === 'stream' || mode === 'whole') && file) {
    process.stdout.write(JSON.stringify(childRun(mode, file)))
    return
  }
  const count = Number(process.argv[2] ?? 100_000)
  const runs = Number(process.argv[3] ?? 3)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrite-parse-bench-'))
  const ris = path.join(dir, 'synthetic.ris')
  try {
    const started = performance.now()
    writeSyntheticRis(ris, count)
    const megabytes = fs.statSync(ris).size / 1e6
    const writeSeconds = (performance.now() - started) / 1000
    const tsx = path.resolve(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs')
    const measure = (runMode: 'stream' | 'whole', times: number): RunFigures[] =>
      Array.from({ length: times }, () => {
        const child = spawnSync(process.execPath, [tsx, import.meta.filename, '--child', runMode, ris], { encoding: 'utf8', maxBuffer: 1 << 20 })
        if (child.status !== 0) throw new Error(child.stderr)
        return JSON.parse(child.stdout) as RunFigures
      })
    const rows: string[][] = [['path', 'runs', 'records', 'with abstract', 'wall s', 'MB/s (wall)', 'CPU s', 'MB/s (CPU)', 'peak RSS MB']]
    for (const [label, runMode, times] of [
      ['streaming, 1 MiB chunks', 'stream', runs],
      ['whole file, parseCitations', 'whole', 1],
    ] as const) {
      const figures = measure(runMode, times)
      const seconds = median(figures.map((figure) => figure.seconds))
      const cpuSeconds = median(figures.map((figure) => figure.cpuSeconds))
      rows.push([
        label,
        String(times),
        String(figures[0]?.records),
        String(figures[0]?.withAbstract),
        seconds.toFixed(2),
        (megabytes / seconds).toFixed(1),
        cpuSeconds.toFixed(2),
        (megabytes / cpuSeconds).toFixed(1),
        median(figures.map((figure) => figure.peakRssMb)).toFixed(0),
      ])
    }
    console.log(`synthetic RIS: ${count} records, ${megabytes.toFixed(1)} MB, written in ${writeSeconds.toFixed(1)} s`)
    const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? []
    for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main()
