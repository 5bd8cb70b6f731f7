/**
 * Abstracts and titles arrive with markup from PubMed (<i>, <sup>), publishers (JATS <jats:p>,
 * MathML) and CSV exports (&amp;, &#8211;). Ferrite shows them as plain text, never as HTML, so the
 * markup is removed here rather than sanitised later. Entities are decoded by the `entities`
 * package (every HTML5 name, case as the standard has it: &Eacute; is É, &Aring; Å, &AElig; Æ),
 * strictly: only with the closing semicolon, so "AT&T" and "?a=1&para=2" stay as they are.
 */
import { decodeHTMLStrict } from 'entities'

/**
 * Known element names with name="value" attributes only, so "p<b and c>d" in a statistics sentence
 * is not taken for a tag.
 */
const htmlTag =
  /<\/?(?:[a-z][a-z0-9]*:[a-z][a-z0-9-]*|i|b|u|s|em|strong|sup|sub|sc|small|big|p|br|hr|span|div|a|font|inf|scp|h[1-6]|ul|ol|li|dl|dt|dd|table|tr|td|th|tbody|thead|blockquote|abbr|cite|code|tt|bold|italic|underline|title|sec|label|list|list-item|caption|math|mi|mo|mn|msub|msup|mrow|mtext)(?:\s+[a-z_:][-\w:.]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=]+))*\s*\/?>/gi
const blockBreak = /<br\s*\/?>|<\/(?:[a-z][a-z0-9]*:)?(?:p|div|li|h[1-6]|tr|sec)\s*>/gi

/** Decodes HTML entities (named, decimal and hexadecimal), leaving text without a closing ";" alone. */
export function decodeHtmlEntities(text: string): string {
  return text.includes('&') ? decodeHTMLStrict(text) : text
}

/** Removes markup and decodes entities; paragraph-ending tags become line breaks. */
export function stripHtml(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text
  return decodeHtmlEntities(text.replace(blockBreak, '\n').replace(htmlTag, ''))
}

/** One line of plain text: markup removed, all whitespace runs collapsed to one space. */
export function plainLine(text: string): string {
  const plain = stripHtml(text)
  // Tests before replacing: most values have nothing to collapse, and abstracts are long.
  return (/\s\s|[^\S ]/.test(plain) ? plain.replace(/\s+/g, ' ') : plain).trim()
}

/** Plain text that keeps paragraph breaks (abstracts): spaces collapsed, blank lines removed. */
export function plainParagraphs(text: string): string {
  let plain = stripHtml(text)
  const untidy = ['  ', '\t', '\u00a0', '\f', '\v'].some((run) => plain.includes(run))
  if (untidy) plain = plain.replace(/[ \t\f\v\u00a0]{2,}|[\t\f\v\u00a0]/g, ' ')
  if (plain.includes('\n')) plain = plain.replace(/ ?\n[ \n]*/g, '\n')
  return plain.trim()
}
