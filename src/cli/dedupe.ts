/**
 * `ferrite dedupe <file>...`: parses one or more citation exports and reports the duplicate
 * groups across and within them, as one JSON object. Records are streamed and only what
 * deduplication and the report need is kept (no abstracts or keywords), so large exports fit.
 */
import type { Command } from './command'
import { parseCommandLine, UsageError } from './command'
import { compactDedupeRecord, findDuplicates, type DedupeRecord } from '@/core/citations/dedupe'
import { parseFormatOption, readCitationFile, type ReadCitationFileOptions } from './import'

interface SourcedRecord {
  file: string
  line: number
  record: DedupeRecord
}

export const command: Command = {
  summary: 'Find duplicate records (same DOI, PMID, or similar title + first author + year) across citation exports',
  usage: 'dedupe <file>... [--similarity 0.9] [--format F]',
  async run(args) {
    const { values, positionals: files } = parseCommandLine(args, { similarity: { type: 'string' }, format: { type: 'string' } }, { max: Number.POSITIVE_INFINITY })
    const similarity = values.similarity === undefined ? 0.9 : Number(values.similarity)
    if (!(similarity > 0 && similarity <= 1)) throw new UsageError('--similarity must be a number in (0, 1]')
    const options: ReadCitationFileOptions = values.format === undefined ? {} : { format: parseFormatOption(values.format) }
    if (files.length === 0) throw new UsageError(`usage: ferrite ${command.usage}`)
    const all: SourcedRecord[] = []
    const perFile = []
    for (const file of files) {
      const before = all.length
      const summary = readCitationFile(file, options, (record) => all.push({ file, line: record.line, record: compactDedupeRecord(record) }))
      const error = summary.errors[0]
      if (error) {
        process.stderr.write(`ferrite: ${file}: line ${error.line}: ${error.message}\n`)
        return 2
      }
      perFile.push({ file, format: summary.format, records: all.length - before, warnings: summary.warnings.length })
    }
    const result = findDuplicates(
      all.map((item) => item.record),
      { titleSimilarity: similarity },
    )
    const describe = (index: number) => {
      const item = all[index] as SourcedRecord
      const { title, year, doi, pmid } = item.record
      return { index, file: item.file, line: item.line, title, year, doi, pmid, first_author: item.record.authors[0] ?? '' }
    }
    const output = {
      records: result.records,
      unique: result.unique,
      duplicate_groups: result.groups.length,
      exact_groups: result.groups.filter((group) => group.confidence === 'exact').length,
      suspected_groups: result.groups.filter((group) => group.confidence === 'suspected').length,
      files: perFile,
      groups: result.groups.map((group) => ({
        reason: group.reason,
        confidence: group.confidence,
        primary: group.primary,
        members: group.members.map(describe),
        matches: group.matches,
      })),
    }
    process.stdout.write(JSON.stringify(output) + '\n')
    return 0
  },
}
