/**
 * Reading XML documents parsed by fast-xml-parser (attributes as "@_name", text as "#text"): the text
 * of a subtree, a child by path, a list whatever the count, and the validator's error named as a
 * person reads it. Shared by the EndNote XML and PubMed XML parsers.
 */
import { XMLParser } from 'fast-xml-parser'
import type { ParseIssue } from './citation-record'

export type XmlNode = string | number | boolean | null | undefined | XmlNode[] | { [name: string]: XmlNode }

/** Concatenated text of a subtree, attributes excluded. */
export function textOf(node: XmlNode): string {
  if (node === null || node === undefined) return ''
  if (typeof node === 'string') return node
  if (typeof node === 'number' || typeof node === 'boolean') return String(node)
  if (Array.isArray(node)) return node.map(textOf).join('')
  let out = ''
  for (const [name, child] of Object.entries(node)) if (!name.startsWith('@_')) out += textOf(child)
  return out
}

export function child(node: XmlNode, ...path: string[]): XmlNode {
  let current: XmlNode = node
  for (const name of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined
    current = current[name]
  }
  return current
}

export function asList(node: XmlNode): XmlNode[] {
  if (node === undefined || node === null || node === '') return []
  return Array.isArray(node) ? node : [node]
}

export function firstText(node: XmlNode, ...paths: string[][]): string {
  for (const path of paths) {
    const text = asList(child(node, ...path))
      .map((item) => textOf(item).trim())
      .find((value) => value !== '')
    if (text) return text
  }
  return ''
}

/** The validator reports elements left open at the end as line 1; a truncated file is named as such. */
export function xmlError(text: string, err: { msg: string; line: number }): ParseIssue {
  const unclosed = /Invalid '\[(.*)\]' found/s.exec(err.msg)
  if (unclosed) {
    const names = [...(unclosed[1] ?? '').matchAll(/"([^"]+)"/g)].map((name) => `<${name[1]}>`)
    const lastLine = text.replace(/\s+$/, '').split('\n').length
    return { line: lastLine, message: `truncated XML: ${names.join(', ')} not closed at the end of the file` }
  }
  return { line: err.line, message: `malformed XML: ${err.msg}` }
}

/**
 * The parser both XML formats use: attributes as "@_name", text kept as written (no number guessing, no
 * trimming), HTML entities decoded (entities a document defines itself are not expanded), and the
 * named elements always as lists.
 */
export function xmlTreeParser(lists: ReadonlySet<string>): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    htmlEntities: true,
    processEntities: true,
    isArray: (name) => lists.has(name),
  })
}
