/**
 * Values in PostgreSQL's COPY text format (one row per line, columns separated by tabs): backslash,
 * tab, newline and carriage return escaped with a backslash, \N for NULL, and text[] as an array
 * literal ({"a","b"}, quotes and backslashes escaped inside the elements) escaped again as a value.
 * Reference: PostgreSQL 16 manual, COPY, "Text Format"; "Array Value Input".
 *
 * Example: a title with a tab, a missing year and the authors ['Smith, "J"'] give the line
 *   Title\twith a tab <TAB> \N <TAB> {"Smith, \\"J\\""}
 */
import 'server-only'

const special = /[\\\t\n\r]/

/** One text value, escaped for COPY; null gives \N. */
export function copyValue(value: string | number | null): string {
  if (value === null) return '\\N'
  const text = typeof value === 'number' ? String(value) : value
  if (!special.test(text)) return text
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
}

/** A text[] value as an array literal (still to be escaped by copyValue). */
export function arrayLiteral(values: readonly string[]): string {
  if (values.length === 0) return '{}'
  return `{${values.map((v) => `"${v.includes('\\') || v.includes('"') ? v.replace(/[\\"]/g, (c) => `\\${c}`) : v}"`).join(',')}}`
}

/** One row of COPY text: the values escaped, tab-separated, ending in a newline. */
export function copyRow(values: readonly (string | number | null)[]): string {
  let line = ''
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyValue(values[i] as string | number | null)
  return `${line}\n`
}

/**
 * COPY rows gathered as UTF-8 bytes in buffers of a megabyte, handed to the COPY stream as they fill
 * (or when taken): writing each value into a buffer is several times faster than joining a chunk's
 * lines into one string and converting that, and leaves no row strings behind for the collector.
 */
export class CopyBuffer {
  static readonly size = 1 << 20
  private buffer = Buffer.allocUnsafe(CopyBuffer.size)
  private used = 0
  private filled: Buffer[] = []

  /** Adds one row: each value escaped and written straight into the buffer (no row string is built). */
  addRow(values: readonly (string | number | null)[]): void {
    let most = values.length + 1
    for (const v of values) most += typeof v === 'string' ? v.length * 6 : 24
    if (this.used + most > this.buffer.length) {
      this.cut()
      if (most > this.buffer.length) this.buffer = Buffer.allocUnsafe(most)
    }
    const buffer = this.buffer
    let at = this.used
    for (let i = 0; i < values.length; i++) {
      if (i > 0) buffer[at++] = 9
      const v = values[i] as string | number | null
      if (typeof v === 'string' && !special.test(v)) at += v.length === 0 ? 0 : buffer.write(v, at)
      else at += buffer.write(copyValue(v), at)
    }
    buffer[at++] = 10
    this.used = at
  }

  /** The bytes added since the last call. */
  take(): Buffer[] {
    this.cut()
    return this.filled.splice(0)
  }

  private cut(): void {
    if (this.used === 0) return
    this.filled.push(this.buffer.subarray(0, this.used))
    this.buffer = Buffer.allocUnsafe(CopyBuffer.size)
    this.used = 0
  }
}
