/**
 * Line endings of text pushed in arbitrary chunks: NewlineNormalizer turns LF, CRLF, bare CR and
 * mixtures into LF, including a CRLF split across two chunks, and drops a BOM at the very start;
 * LineSplitter hands out the numbered lines. The CSV parser uses the normalizer too.
 */
export class NewlineNormalizer {
  private pendingCarriageReturn = false
  private started = false

  /** The chunk with BOM and carriage returns handled; '' stays ''. */
  normalize(text: string): string {
    if (text === '') return ''
    let chunk = text
    if (!this.started) {
      this.started = true
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
    }
    // A CR that ended the previous chunk was already turned into LF; its LF half is dropped here.
    if (this.pendingCarriageReturn && chunk.charCodeAt(0) === 10) chunk = chunk.slice(1)
    this.pendingCarriageReturn = chunk.charCodeAt(chunk.length - 1) === 13
    if (chunk.includes('\r')) chunk = chunk.replace(/\r\n?/g, '\n')
    return chunk
  }
}

/**
 * Numbered lines of text pushed in chunks. CRLF (the usual Windows export) is split on LF with the CR
 * dropped from each line, which is several times faster than rewriting the chunk first (V8 splits a
 * string made by replace() slowly); a chunk with bare CRs (classic Mac OS, or mixtures) goes
 * through the rewrite. A CR at the very end of a chunk waits for the next one: it may be half a CRLF.
 */
export class LineSplitter {
  private pending = ''
  private started = false
  /** Number of the last line handed out (1-based). */
  lineNumber = 0

  push(text: string, onLine: (line: string, lineNumber: number) => void): void {
    let chunk = text
    if (!this.started && chunk !== '') {
      this.started = true
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
    }
    if (chunk === '') return
    // the chunk is split as it came from the decoder (a flat string); the pending piece joins its first line
    let tail = ''
    if (chunk.charCodeAt(chunk.length - 1) === 13) {
      tail = '\r'
      chunk = chunk.slice(0, -1)
    }
    if (this.pending.charCodeAt(this.pending.length - 1) === 13 && chunk.charCodeAt(0) !== 10) {
      // a bare CR ended the previous chunk: it ended a line
      this.emit(this.pending.slice(0, -1), onLine)
      this.pending = ''
    }
    if (/\r[^\n]/.test(chunk)) chunk = chunk.replace(/\r\n?/g, '\n')
    const lines = chunk.split('\n')
    const last = lines.length - 1
    if (last === 0) {
      this.pending += (lines[0] as string) + tail
      return
    }
    this.emit(this.pending + (lines[0] as string), onLine)
    for (let i = 1; i < last; i++) this.emit(lines[i] as string, onLine)
    this.pending = (lines[last] as string) + tail
  }

  private emit(line: string, onLine: (line: string, lineNumber: number) => void): void {
    onLine(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line, ++this.lineNumber)
  }

  /** Hands out the last line when the text does not end with a line break (a final CR ends a line, empty or not). */
  end(onLine: (line: string, lineNumber: number) => void): void {
    if (this.pending !== '') this.emit(this.pending, onLine)
    this.pending = ''
  }
}
