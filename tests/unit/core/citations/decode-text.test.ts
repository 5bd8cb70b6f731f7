import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { createStreamTextDecoder, decodeBytes, detectEncoding, normalizeLineEnds } from '@/core/citations/decode-text'
import { LineSplitter } from '@/core/citations/line-splitter'

const sample = 'TY  - JOUR\nTI  - Café “au lait” in Zürich – a naïve trial\nAU  - Müller, Jürgen\nER  - \n'

function utf16be(text: string): Uint8Array {
  const le = new Uint8Array(Buffer.from(text, 'utf16le'))
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] ?? 0, le[i] ?? 0]
  return le
}
const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]))

describe('detectEncoding and decodeBytes', () => {
  it('UTF-8 with and without BOM', () => {
    const plain = new Uint8Array(Buffer.from(sample, 'utf8'))
    const withBom = concat(new Uint8Array([0xef, 0xbb, 0xbf]), plain)
    expect(detectEncoding(plain)).toEqual({ encoding: 'utf-8', bomLength: 0 })
    expect(detectEncoding(withBom)).toEqual({ encoding: 'utf-8', bomLength: 3 })
    expect(decodeBytes(withBom).text).toBe(sample)
    expect(decodeBytes(plain).text).toBe(sample)
  })

  it('UTF-16 LE and BE, with a BOM and detected without one', () => {
    const le = new Uint8Array(Buffer.from(sample, 'utf16le'))
    const be = utf16be(sample)
    expect(decodeBytes(concat(new Uint8Array([0xff, 0xfe]), le))).toEqual({ text: sample, encoding: 'utf-16le' })
    expect(decodeBytes(concat(new Uint8Array([0xfe, 0xff]), be))).toEqual({ text: sample, encoding: 'utf-16be' })
    expect(decodeBytes(le)).toEqual({ text: sample, encoding: 'utf-16le' })
    expect(decodeBytes(be)).toEqual({ text: sample, encoding: 'utf-16be' })
  })

  it('Windows-1252 is detected (invalid UTF-8) and decoded, curly quotes and dashes included', () => {
    const text = sample.repeat(20)
    const bytes = new Uint8Array(iconv.encode(text, 'windows-1252'))
    const decoded = decodeBytes(bytes)
    expect(decoded.encoding).toMatch(/^windows-125[02]$|^iso-8859/)
    expect(decoded.text).toBe(text)
  })

  it('binary files are recognised: PDF, ZIP (xlsx), NUL bytes', () => {
    expect(detectEncoding(new Uint8Array(Buffer.from('%PDF-1.7\n...'))).binaryReason).toBe('binary file: a PDF document')
    expect(detectEncoding(new Uint8Array([0x50, 0x4b, 3, 4, 20, 0])).encoding).toBe('binary')
    expect(detectEncoding(new Uint8Array([0x54, 0x59, 0, 0, 0, 0, 0x89, 0x12, 0, 0x41, 0, 0, 7, 0, 0])).encoding).toBe('binary')
  })

  it('LF, CRLF, bare CR and mixed line ends all become LF', () => {
    expect(normalizeLineEnds('a\r\nb\rc\nd\r\n\re')).toBe('a\nb\nc\nd\n\ne')
    expect(decodeBytes(new Uint8Array(Buffer.from('TY  - JOUR\rER  - \r\n'))).text).toBe('TY  - JOUR\nER  - \n')
  })
})

describe('streaming decoding and line splitting', () => {
  it('a multi-byte character split across chunks is decoded once, in every encoding', () => {
    for (const [encoding, bytes] of [
      ['utf-8', new Uint8Array(Buffer.from(sample, 'utf8'))],
      ['utf-16le', new Uint8Array(Buffer.from(sample, 'utf16le'))],
      ['windows-1252', new Uint8Array(iconv.encode(sample, 'windows-1252'))],
    ] as const) {
      for (let cut = 1; cut < bytes.length; cut += 3) {
        const decoder = createStreamTextDecoder(encoding)
        expect(decoder.decode(bytes.subarray(0, cut)) + decoder.decode(bytes.subarray(cut)) + decoder.end()).toBe(sample)
      }
    }
  })

  it('lines and their numbers do not depend on where the chunks are cut, CRLF split included', () => {
    const text = '\ufeffTY  - JOUR\r\nTI  - a\rb\n\r\nER  - \r\nlast'
    const whole: [string, number][] = []
    const splitter = new LineSplitter()
    splitter.push(text, (line, n) => whole.push([line, n]))
    splitter.end((line, n) => whole.push([line, n]))
    expect(whole).toEqual([
      ['TY  - JOUR', 1],
      ['TI  - a', 2],
      ['b', 3],
      ['', 4],
      ['ER  - ', 5],
      ['last', 6],
    ])
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 6 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), text.length]
        const lines: [string, number][] = []
        const chunked = new LineSplitter()
        for (let i = 1; i < points.length; i++) chunked.push(text.slice(points[i - 1], points[i]), (line, n) => lines.push([line, n]))
        chunked.end((line, n) => lines.push([line, n]))
        expect(lines).toEqual(whole)
      }),
      { numRuns: 300 },
    )
  })

  it('a CR ending one chunk, then an empty chunk, then the LF, is one line end', () => {
    const lines: string[] = []
    const splitter = new LineSplitter()
    for (const chunk of ['a\r', '', '\nb\r', '\n']) splitter.push(chunk, (line) => lines.push(line))
    splitter.end((line) => lines.push(line))
    expect(lines).toEqual(['a', 'b'])
  })
})
