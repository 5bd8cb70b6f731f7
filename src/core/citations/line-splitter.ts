/**
 * Turns text pushed in arbitrary chunks into numbered lines. LF, CRLF, bare CR and mixtures all end
 * a line, including a CRLF split across two chunks; a BOM at the very start is dropped.
 */
export class LineSplitter {
  private pending = ''
  private pendingCarriageReturn = false
  private started = false
  /** Number of the last line handed out (1-based). */
  lineNumber = 0

  push(text: string, onLine: (line: string, lineNumber: number) => void): void {
    if (text === '') return
    let chunk = text
    if (!this.started && chunk.length > 0) {
      this.started = true
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
    }
    if (this.pendingCarriageReturn && chunk.charCodeAt(0) === 10) chunk = chunk.slice(1)
    this.pendingCarriageReturn = chunk.charCodeAt(chunk.length - 1) === 13
    if (chunk.includes('\r')) chunk = chunk.replace(/\r\n?/g, '\n')
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
