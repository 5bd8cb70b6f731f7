/**
 * BibTeX author fields to "Last, First" names. The standard form is an "and" list ("Lee, B and
 * Critchlow, T", "John Smith and Jane Doe"); older Scopus exports instead write a comma list with
 * affiliation letters glued to the initials ("D'Ambrosio, A.a , Aria, M.a"). A name wholly inside
 * braces ("{World Health Organization}") is a corporate author and is kept as written.
 */
import { latexToUnicode } from './latex-to-unicode'
import { normalizeAuthorName } from './normalize-fields'

/** Splits on a separator at brace depth 0. */
function splitTopLevel(text: string, separator: RegExp): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '{') depth++
    else if (ch === '}') depth--
    else if (depth === 0) {
      separator.lastIndex = i
      const match = separator.exec(text)
      if (match && match.index === i) {
        parts.push(text.slice(start, i))
        start = i + match[0].length
        i = start - 1
      }
    }
  }
  parts.push(text.slice(start))
  return parts.map((part) => part.trim()).filter((part) => part !== '')
}

const scopusInitials = /^((?:[A-Z][a-z]?\.[\s-]*)+?)\s*(?:[a-z](?:\s+|$))*$/

/** "A.a  b" -> "A.", or null when the text is not initials (then the list is not a Scopus pair list). */
function stripAffiliationLetters(initials: string): string | null {
  const match = scopusInitials.exec(initials.trim())
  return match?.[1] ? match[1].trim() : null
}

function commaPairs(parts: string[]): string[] | null {
  if (parts.length < 4 || parts.length % 2 !== 0) return null
  const names: string[] = []
  for (let i = 0; i < parts.length; i += 2) {
    const initials = stripAffiliationLetters(parts[i + 1] ?? '')
    if (initials === null) return null
    names.push(`${parts[i]}, ${initials}`)
  }
  return names
}

/** Author field -> normalised names, in order. */
export function splitBibtexAuthors(field: string): string[] {
  const text = field.replace(/\s+/g, ' ').trim()
  if (text === '') return []
  let names = splitTopLevel(text, /\sand\s/y)
  if (names.length === 1) {
    const pairs = commaPairs(splitTopLevel(text, /,/y))
    if (pairs) names = pairs
    else {
      const single = splitTopLevel(text, /,/y)
      if (single.length === 2) names = [`${single[0]}, ${stripAffiliationLetters(single[1] ?? '') ?? single[1]}`]
    }
  }
  const out: string[] = []
  for (const name of names) {
    if (name === 'others') continue
    if (/^\{[^{}]*\}$/.test(name)) {
      out.push(latexToUnicode(name).trim())
      continue
    }
    const normalized = normalizeAuthorName(latexToUnicode(name), { firstLast: true })
    if (normalized !== '') out.push(normalized)
  }
  return out
}
