/**
 * Recognises a citation export from its content, never its file name: PubMed→EndNote RIS comes as
 * .txt, Web of Science tagged as .ris, Scopus BibTeX starts with header lines. The first lines that
 * only one format would write decide; a CSV is recognised by citation column names in its header.
 */
import Papa from 'papaparse'
import type { CitationFormat } from './citation-record'
import { looksLikeCitationHeader } from './csv-columns'
import { guessCsvDelimiter } from './csv-parser'
import { ovidRecordMarker } from './ovid-parser'
import { detectEncoding, normalizeLineEnds } from './decode-text'

const linesToInspect = 400

/** Format whose signature line appears first, or null. Looks at the first few hundred lines only. */
export function detectCitationFormat(text: string): CitationFormat | null {
  const head = normalizeLineEnds(text.slice(0, 262144)).replace(/^\ufeff/, '')
  const trimmed = head.trimStart()
  if (/^<\?xml|^<xml[\s>]|^<records[\s>]/.test(trimmed) && /<record[\s>]/.test(head)) return 'endnote-xml'
  if (/^<\?xml|^<xml[\s>]/.test(trimmed)) return 'endnote-xml'
  const lines = head.split('\n', linesToInspect)
  const firstLine = lines.find((line) => line.trim() !== '') ?? ''
  if (/^(?:TY {1,2}- |%[0-9A-Z] |PMID- |FN |PT [A-Z]\b|@[a-zA-Z]+\s*[{(])/.test(firstLine) === false && isCitationCsvHeader(firstLine)) {
    return 'csv'
  }
  for (const line of lines) {
    if (ovidRecordMarker.test(line) || /^VN {2}- Ovid Technologies/.test(line)) return 'ovid'
    if (/^TY {1,2}-( |$)/.test(line)) return 'ris'
    if (/^PMID- ?\d/.test(line)) return 'medline'
    if (/^(?:FN |VR \d|PT [A-Z]\s*$)/.test(line)) return 'wos'
    if (/^%[0TAD] \S/.test(line)) return 'endnote-tagged'
    if (/^\s*@[a-zA-Z]+\s*[{(]/.test(line)) return 'bibtex'
  }
  if (lines.some((line) => /^[A-Z][A-Z0-9 ]{3}- \S/.test(line) && /^(?:TI {2}|AU {2}|FAU |DP {2}|AB {2}|JT {2})-/.test(line))) return 'medline'
  return null
}

function isCitationCsvHeader(line: string): boolean {
  const delimiter = guessCsvDelimiter(line)
  const header = Papa.parse<string[]>(line, { delimiter }).data[0] ?? []
  return header.length >= 2 && looksLikeCitationHeader(header)
}

export interface SniffResult {
  format: CitationFormat | null
  encoding: string
  /** Set when the bytes cannot be a citation export: binary content or an unknown format. */
  error?: { line: number; message: string }
}

/**
 * Detects encoding and format from the first bytes of a file (64 KiB are plenty), for callers that
 * then stream the rest: `createStreamTextDecoder(encoding)` and `createStreamingParser(format)`.
 */
export function sniffCitationBytes(firstBytes: Uint8Array): SniffResult {
  const detected = detectEncoding(firstBytes)
  if (detected.encoding === 'binary') {
    return { format: null, encoding: 'binary', error: { line: detected.binaryLine ?? 1, message: detected.binaryReason ?? 'binary file' } }
  }
  let text: string
  try {
    text = new TextDecoder(detected.encoding).decode(firstBytes)
  } catch {
    text = Array.from(firstBytes, (byte) => String.fromCharCode(byte)).join('')
  }
  return sniffCitationText(text, detected.encoding)
}

/** Format of already-decoded text, with the refusal message when it is unknown. */
export function sniffCitationText(text: string, encoding = 'utf-16'): SniffResult {
  const format = detectCitationFormat(text)
  if (format) return { format, encoding }
  const lines = normalizeLineEnds(text.slice(0, 65536)).split('\n')
  const firstContent = lines.findIndex((line) => line.trim() !== '')
  if (firstContent < 0) return { format: null, encoding, error: { line: 1, message: 'the file is empty' } }
  const controlCharacters = (text.slice(0, 4096).match(/[\u0001-\u0008\u000e-\u001f]/g) ?? []).length
  const message =
    controlCharacters > 8
      ? 'binary content: not a text export'
      : 'unrecognised format: expected RIS, PubMed MEDLINE/nbib, Ovid tagged, Web of Science, EndNote tagged or XML, BibTeX, or CSV with citation columns'
  return { format: null, encoding, error: { line: firstContent + 1, message } }
}
