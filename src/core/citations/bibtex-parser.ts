/**
 * BibTeX as Scopus, Web of Science, Zotero and JabRef write it: header lines before the first
 * entry (Scopus "EXPORT DATE: …"), {{double braces}}, spaces inside keys ("@article{ ISI:…"), field
 * names with hyphens and parentheses ("Usage-Count-(Last-180-days)"), "…" and {…} values joined with
 * #, @string macros, LaTeX accents. Text outside entries is a comment, as in BibTeX itself.
 *
 * Example: `parseBibtex('@article{k, title={Caf\\\'{e} study}, year=2020}').records[0].title` is "Café study".
 */
import { checkRecord, emptyCitationRecord, type CitationRecord, type ParseIssue } from './citation-record'
import { plainLine } from './html-text'
import { latexToUnicode } from './latex-to-unicode'
import { findDoiInText, normalizeDoi, normalizeIssn, normalizePmid, parseYear, splitKeywords } from './normalize-fields'
import { splitBibtexAuthors } from './bibtex-names'

export interface BibtexEntry {
  type: string
  key: string
  line: number
  /** Lower-case field name -> raw value (braces kept, macros expanded). */
  fields: Map<string, string>
}

const monthMacros: Record<string, string> = {
  jan: 'January',
  feb: 'February',
  mar: 'March',
  apr: 'April',
  may: 'May',
  jun: 'June',
  jul: 'July',
  aug: 'August',
  sep: 'September',
  oct: 'October',
  nov: 'November',
  dec: 'December',
}

class BibtexScanner {
  pos = 0
  private lineAt = 1
  private lineOffset = 0
  readonly macros = new Map<string, string>(Object.entries(monthMacros))

  constructor(readonly text: string) {}

  line(offset: number): number {
    for (let i = this.lineOffset; i < offset; i++) if (this.text.charCodeAt(i) === 10) this.lineAt++
    this.lineOffset = Math.max(this.lineOffset, offset)
    return this.lineAt
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++
  }

  /** A {…} group; stops (returns null) where a new entry evidently starts, i.e. braces never closed. */
  braced(): string | null {
    const start = ++this.pos
    let depth = 1
    for (; this.pos < this.text.length; this.pos++) {
      const ch = this.text[this.pos]
      if (ch === '\\') this.pos++
      else if (ch === '{') depth++
      else if (ch === '}' && --depth === 0) return this.text.slice(start, this.pos++)
      else if (ch === '\n' && /^@[a-zA-Z]+\s*[{(]/.test(this.text.slice(this.pos + 1, this.pos + 40))) return null
    }
    return null
  }

  quoted(): string | null {
    const start = ++this.pos
    let depth = 0
    for (; this.pos < this.text.length; this.pos++) {
      const ch = this.text[this.pos]
      if (ch === '\\') this.pos++
      else if (ch === '{') depth++
      else if (ch === '}') depth--
      else if (ch === '"' && depth === 0) return this.text.slice(start, this.pos++)
    }
    return null
  }

  /** value := part ('#' part)*, part := {…} | "…" | number | macro */
  value(): string | null {
    let out = ''
    for (;;) {
      this.skipSpace()
      const ch = this.text[this.pos]
      let part: string | null
      if (ch === '{') part = this.braced()
      else if (ch === '"') part = this.quoted()
      else {
        const bare = /^[^\s,#{}()"=]+/.exec(this.text.slice(this.pos, this.pos + 200))?.[0] ?? ''
        if (bare === '') return null
        this.pos += bare.length
        part = /^\d+$/.test(bare) ? bare : (this.macros.get(bare.toLowerCase()) ?? bare)
      }
      if (part === null) return null
      out += part
      this.skipSpace()
      if (this.text[this.pos] !== '#') return out
      this.pos++
    }
  }
}

function parseEntryBody(scanner: BibtexScanner, entry: BibtexEntry, close: string): boolean {
  const text = scanner.text
  for (;;) {
    scanner.skipSpace()
    while (text[scanner.pos] === ',') {
      scanner.pos++
      scanner.skipSpace()
    }
    if (text[scanner.pos] === close) {
      scanner.pos++
      return true
    }
    const name = /^[^\s=,{}]+/.exec(text.slice(scanner.pos, scanner.pos + 100))?.[0]
    if (!name) return false
    scanner.pos += name.length
    scanner.skipSpace()
    if (text[scanner.pos] !== '=') return false
    scanner.pos++
    const value = scanner.value()
    if (value === null) return false
    entry.fields.set(name.toLowerCase(), value)
  }
}

/** Reads every entry; @comment and @preamble are skipped, @string defines macros. */
export function readBibtexEntries(text: string, warnings: ParseIssue[]): BibtexEntry[] {
  const scanner = new BibtexScanner(text)
  const entries: BibtexEntry[] = []
  const entryStart = /@([a-zA-Z]+)\s*([{(])/g
  for (let match = entryStart.exec(text); match; match = entryStart.exec(text)) {
    const type = (match[1] ?? '').toLowerCase()
    const close = match[2] === '(' ? ')' : '}'
    const line = scanner.line(match.index)
    scanner.pos = match.index + match[0].length
    if (type === 'comment' || type === 'preamble') {
      scanner.pos--
      if (close === '}') scanner.braced()
      entryStart.lastIndex = Math.max(scanner.pos, entryStart.lastIndex)
      continue
    }
    const entry: BibtexEntry = { type, key: '', line, fields: new Map() }
    if (type !== 'string') {
      const key = /^[^,}\n]*/.exec(text.slice(scanner.pos, scanner.pos + 300))?.[0] ?? ''
      entry.key = key.trim()
      scanner.pos += key.length
    }
    const complete = parseEntryBody(scanner, entry, close)
    entryStart.lastIndex = Math.max(scanner.pos, match.index + 1)
    if (!complete) {
      warnings.push({ line, message: `@${type} entry '${entry.key}' is malformed or not closed (skipped)` })
      // Resume at the next line that starts with '@', not inside the damaged entry.
      const next = text.indexOf('\n@', match.index + 1)
      entryStart.lastIndex = next < 0 ? text.length : next + 1
      continue
    }
    if (type === 'string') for (const [name, value] of entry.fields) scanner.macros.set(name, value)
    else entries.push(entry)
  }
  return entries
}

/** Maps one BibTeX entry to the common record. */
export function bibtexEntryToRecord(entry: BibtexEntry): CitationRecord {
  const field = (...names: string[]): string => {
    for (const name of names) {
      const value = entry.fields.get(name)
      if (value !== undefined && value.trim() !== '') return value
    }
    return ''
  }
  const text = (...names: string[]): string => plainLine(latexToUnicode(field(...names)))
  const record = emptyCitationRecord(entry.line)
  record.type = entry.type
  record.title = text('title')
  record.authors = splitBibtexAuthors(field('author'))
  record.year = parseYear(text('year')) ?? parseYear(text('date'))
  record.journal = text('journal', 'journaltitle', 'booktitle', 'series')
  record.volume = text('volume')
  record.issue = text('number', 'issue')
  record.pages = text('pages').replace(/\s*[-–—]+\s*/g, '-')
  record.doi = normalizeDoi(text('doi')) || findDoiInText(text('url'))
  record.pmid = normalizePmid(text('pmid', 'pubmed_id', 'pubmed-id', 'pubmed'))
  record.abstract = text('abstract')
  record.keywords = splitKeywords([text('author_keywords'), text('keywords'), text('keywords-plus'), text('mesh')])
  record.url = text('url')
  record.language = text('language', 'langid')
  record.issn = normalizeIssn(text('issn', 'isbn'))
  record.sourceId = text('unique-id', 'eid') || (/[?&]eid=([^&]+)/.exec(record.url)?.[1] ?? '') || entry.key
  return record
}

export function parseBibtex(text: string): { records: CitationRecord[]; warnings: ParseIssue[]; errors: ParseIssue[] } {
  const warnings: ParseIssue[] = []
  const entries = readBibtexEntries(text, warnings)
  const records = entries.map((entry) => checkRecord(bibtexEntryToRecord(entry), warnings))
  const errors: ParseIssue[] = records.length === 0 ? [{ line: 1, message: 'no BibTeX entries found' }] : []
  return { records: errors.length > 0 ? [] : records, warnings, errors }
}
