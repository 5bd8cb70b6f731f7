/**
 * Reading generated SVG back in tests: a well-formedness check with fast-xml-parser's validator, a
 * small element tree, lookups by class, and the axis mapping recovered from the drawn tick marks
 * and their labels, so geometry is checked against what a reader of the plot sees.
 */
import { existsSync } from 'node:fs'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect } from 'vitest'

export interface SvgNode {
  name: string
  attributes: Record<string, string>
  children: SvgNode[]
  /** Concatenated text of the direct text children. */
  text: string
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> }

function toNode(entry: Ordered): SvgNode | undefined {
  const name = Object.keys(entry).find((k) => k !== ':@')
  if (!name || name === '#text') return undefined
  const rawChildren = (entry[name] as Ordered[]) ?? []
  return {
    name,
    attributes: entry[':@'] ?? {},
    children: rawChildren.map(toNode).filter((n): n is SvgNode => n !== undefined),
    text: rawChildren.map((c) => (typeof c['#text'] === 'string' ? c['#text'] : '')).join(''),
  }
}

/** Asserts the string is well-formed XML and returns the root <svg> element. */
export function parseSvg(svg: string): SvgNode {
  expect(XMLValidator.validate(svg)).toBe(true)
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, trimValues: false })
  const roots = (parser.parse(svg) as Ordered[]).map(toNode).filter((n): n is SvgNode => n !== undefined)
  expect(roots).toHaveLength(1)
  return roots[0] as SvgNode
}

export function descendants(node: SvgNode): SvgNode[] {
  return node.children.flatMap((c) => [c, ...descendants(c)])
}

export function byClass(root: SvgNode, cls: string): SvgNode[] {
  return descendants(root).filter((n) => (n.attributes.class ?? '').split(' ').includes(cls))
}

export function byName(root: SvgNode, name: string): SvgNode[] {
  return descendants(root).filter((n) => n.name === name)
}

/** The text of every <text> element, in document order. */
export function texts(root: SvgNode): string[] {
  return byName(root, 'text').map((n) => n.text)
}

export const num = (node: SvgNode, attribute: string): number => Number(node.attributes[attribute])

export function polygonPoints(node: SvgNode): [number, number][] {
  return (node.attributes.points ?? '')
    .trim()
    .split(/\s+/)
    .map((pair) => pair.split(',').map(Number) as [number, number])
}

/**
 * Checks the requirements every Ferrite plot meets: SVG 1.1 namespace, width and height in px equal
 * to the viewBox, role="img" labelled by its <title> and <desc>, and nothing external or unsupported
 * by resvg (foreignObject, <style>, style attributes, scripts, links).
 */
export function expectStandaloneSvg(svg: string): SvgNode {
  const root = parseSvg(svg)
  expect(root.name).toBe('svg')
  const a = root.attributes
  expect(a.xmlns).toBe('http://www.w3.org/2000/svg')
  expect(a.width).toMatch(/^\d+$/)
  expect(a.height).toMatch(/^\d+$/)
  expect(a.viewBox).toBe(`0 0 ${a.width} ${a.height}`)
  expect(a.role).toBe('img')
  const [titleId, descId] = (a['aria-labelledby'] ?? '').split(' ')
  const title = root.children.find((c) => c.name === 'title')
  const desc = root.children.find((c) => c.name === 'desc')
  expect(title?.attributes.id).toBe(titleId)
  expect(desc?.attributes.id).toBe(descId)
  expect(desc?.text.length).toBeGreaterThan(10)
  expect(a['font-family']).toContain('DejaVu Sans')
  expect(svg).not.toMatch(/<foreignObject|<style|<script|<image|style="|href=|url\(/)
  return root
}

/**
 * The value-to-pixel map of an axis group ('x-axis' or 'y-axis', the index-th one), fitted through
 * its first and last labelled ticks, linear or logarithmic.
 */
export function axisMap(root: SvgNode, axisClass: 'x-axis' | 'y-axis', log = false, index = 0): (value: number) => number {
  const axis = byClass(root, axisClass)[index] as SvgNode
  const ticks = byClass(axis, 'tick')
  const labels = byClass(axis, 'tick-label').map((n) => Number(n.text.replace('%', '')))
  const position = (t: SvgNode): number => (axisClass === 'x-axis' ? num(t, 'x1') : num(t, 'y1'))
  const p0 = position(ticks[0] as SvgNode)
  const p1 = position(ticks[ticks.length - 1] as SvgNode)
  const f = log ? Math.log : (v: number) => v
  const v0 = f(labels[0] as number)
  const v1 = f(labels[labels.length - 1] as number)
  return (value) => p0 + ((f(value) - v0) / (v1 - v0)) * (p1 - p0)
}

export const DEJAVU_SANS = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'
export const DEJAVU_SANS_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'
export const hasDejaVu = existsSync(DEJAVU_SANS)

/** A label meant to break naive SVG generation. */
export const HOSTILE = `<script>alert(1)</script> & "x" 'y'`
