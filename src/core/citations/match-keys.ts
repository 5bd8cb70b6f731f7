/**
 * Comparison keys for deduplication: a title and a surname written by different databases
 * ("Nest survival of <i>Picoides</i>…", "NEST SURVIVAL OF PICOIDES…", "Hancké" / "Hancke") reduce to
 * the same string.
 */
import { stripHtml } from './html-text'

/**
 * Lower-case, Unicode NFKD with combining marks removed, HTML stripped, every run of characters
 * other than letters and digits collapsed to one space.
 * Example: normalizeTitle('Café <i>au lait</i>: a “trial”.') === 'cafe au lait a trial'
 */
export function normalizeTitle(title: string): string {
  const plain = stripHtml(title)
  // Most titles are ASCII; the Unicode path (NFKD, property escapes) is several times slower.
  if (/^[\x00-\x7f]*$/.test(plain))
    return plain
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  return plain
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** "van Acker, B." -> "vanacker"; a name without a comma (corporate) is used whole. */
export function surnameKey(author: string | undefined): string {
  if (!author) return ''
  const comma = author.indexOf(',')
  const surname = comma >= 0 ? author.slice(0, comma) : author
  return surname
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
}
