/**
 * Bytes to text for citation exports. Databases write UTF-8 with or without a BOM, EndNote and
 * Windows tools write UTF-16 or Windows-1252, and line ends are LF, CRLF, bare CR or a mixture.
 * Detection looks only at the first bytes so that a 150 MB file can be decoded as a stream.
 */
import { InputError } from '../input-error'
import chardet from 'chardet'
import iconv from 'iconv-lite'

export interface DetectedEncoding {
  /** A WHATWG / iconv-lite label ('utf-8', 'utf-16le', 'windows-1252'…), or 'binary' when the bytes are not text. */
  encoding: string
  /** Bytes of byte-order mark at the start (skipped by the decoders). */
  bomLength: number
  /** Why the bytes were taken for binary, when encoding is 'binary'. */
  binaryReason?: string
  /** 1-based line where the binary content was found. */
  binaryLine?: number
}

const sampleSize = 65536

/** Recognisable binary containers reviewers upload by mistake. */
function binaryKind(bytes: Uint8Array): string | null {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]]
  if (b0 === 0x25 && b1 === 0x50 && b2 === 0x44 && b3 === 0x46) return 'a PDF document'
  if (b0 === 0x50 && b1 === 0x4b && b2 === 0x03 && b3 === 0x04) return 'a ZIP archive (an .xlsx, .docx or zipped export?)'
  if (b0 === 0x1f && b1 === 0x8b) return 'a gzip archive'
  if (b0 === 0xd0 && b1 === 0xcf && b2 === 0x11 && b3 === 0xe0) return 'an old Office document (.xls/.doc)'
  return null
}

/** UTF-16 without a BOM has NUL bytes on one side of each code unit for Latin text. */
function utf16ByteOrder(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const units = Math.floor(sample.length / 2)
  if (units < 2) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < units * 2; i += 2) {
    if (sample[i] === 0) evenZeros++
    if (sample[i + 1] === 0) oddZeros++
  }
  if (oddZeros > 0.3 * units && evenZeros < 0.05 * units) return 'utf-16le'
  if (evenZeros > 0.3 * units && oddZeros < 0.05 * units) return 'utf-16be'
  return null
}

/** Drops a multi-byte UTF-8 sequence cut by the end of the sample. */
function trimIncompleteUtf8(sample: Uint8Array): Uint8Array {
  let end = sample.length
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = sample[end - back] ?? 0
    if ((byte & 0xc0) === 0x80) continue
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
      if (back < needed) end -= back
    }
    break
  }
  return sample.subarray(0, end)
}

/** Strict check, in 1 MiB steps so that a large file is never decoded into one string here. */
function isValidUtf8(bytes: Uint8Array): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  try {
    for (let start = 0; start < bytes.length; start += 1 << 20) decoder.decode(bytes.subarray(start, start + (1 << 20)), { stream: true })
    decoder.decode()
    return true
  } catch {
    return false
  }
}

/** Legacy single-byte labels chardet reports, mapped to the Windows code page browsers use for them. */
function legacyLabel(name: string | null): string {
  if (name === null) return 'windows-1252'
  const label = name.toLowerCase()
  if (label === 'iso-8859-1' || label === 'ascii' || label === 'us-ascii') return 'windows-1252'
  return iconv.encodingExists(label) ? label : 'windows-1252'
}

/**
 * Detects the encoding from the first bytes (64 KiB are enough): BOM, then UTF-16 by NUL
 * distribution, then strict UTF-8, then chardet for legacy code pages (Windows-1252 by default).
 * `wholeFile` makes the UTF-8 check cover every byte, for callers that hold the whole file.
 */
export function detectEncoding(bytes: Uint8Array, wholeFile = false): DetectedEncoding {
  const kind = binaryKind(bytes)
  if (kind) return { encoding: 'binary', bomLength: 0, binaryReason: `binary file: ${kind}` }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 }
  const sample = bytes.subarray(0, Math.min(bytes.length, sampleSize))
  const utf16 = utf16ByteOrder(sample)
  if (utf16) return { encoding: utf16, bomLength: 0 }
  const nul = sample.indexOf(0)
  if (nul >= 0) {
    let line = 1
    for (let i = 0; i < nul; i++) if (sample[i] === 10) line++
    return { encoding: 'binary', bomLength: 0, binaryReason: 'binary content (NUL byte): not a text export', binaryLine: line }
  }
  const checked = wholeFile || bytes.length <= sampleSize ? bytes : trimIncompleteUtf8(sample)
  if (isValidUtf8(checked)) return { encoding: 'utf-8', bomLength: 0 }
  return { encoding: legacyLabel(chardet.detect(sample)), bomLength: 0 }
}

/** LF, CRLF, bare CR and mixtures become LF. */
export function normalizeLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
}

/** An incremental decoder: multi-byte characters split across chunks are decoded once complete. */
export interface StreamTextDecoder {
  readonly encoding: string
  decode(bytes: Uint8Array): string
  end(): string
}

/** Streams bytes of a known encoding to text, skipping a BOM; line ends are left to the line splitter. */
export function createStreamTextDecoder(encoding: string): StreamTextDecoder {
  let native: TextDecoder | null = null
  try {
    native = new TextDecoder(encoding)
  } catch {
    native = null
  }
  if (native) {
    const decoder = native
    return {
      encoding,
      decode: (bytes) => decoder.decode(bytes, { stream: true }),
      end: () => decoder.decode(),
    }
  }
  if (!iconv.encodingExists(encoding)) throw new InputError(`unsupported text encoding '${encoding}'`)
  const legacy = iconv.getDecoder(encoding, { stripBOM: true })
  return {
    encoding,
    decode: (bytes) => legacy.write(bytes as never),
    end: () => legacy.end() ?? '',
  }
}

/** Whole-file decoding: detected encoding, BOM removed, line ends normalised to LF. */
export function decodeBytes(bytes: Uint8Array, encoding?: string): { text: string; encoding: string; binaryReason?: string; binaryLine?: number } {
  const detected = encoding ? { encoding, bomLength: 0 } : detectEncoding(bytes, true)
  if (detected.encoding === 'binary') return { text: '', ...detected }
  const decoder = createStreamTextDecoder(detected.encoding)
  let text = decoder.decode(bytes) + decoder.end()
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  return { text: normalizeLineEnds(text), encoding: detected.encoding }
}
