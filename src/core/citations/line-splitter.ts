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

export class LineSplitter {
  private pending = ''
  private readonly newlines = new NewlineNormalizer()
  /** Number of the last line handed out (1-based). */
  lineNumber = 0

  push(text: string, onLine: (line: string, lineNumber: number) => void): void {
    const chunk = this.newlines.normalize(text)
    if (chunk === '') return
    if (!chunk.includes('\n')) {
      this.pending += chunk
      return
    }
    const lines = (this.pending + chunk).split('\n')
    this.pending = lines.pop() ?? ''
    for (const line of lines) onLine(line, ++this.lineNumber)
  }

  /** Hands out the last line when the text does not end with a line break. */
  end(onLine: (line: string, lineNumber: number) => void): void {
    if (this.pending !== '') onLine(this.pending, ++this.lineNumber)
    this.pending = ''
  }
}
