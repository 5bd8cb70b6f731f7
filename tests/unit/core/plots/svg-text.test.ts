/**
 * Escaping, truncation, wrapping and number formatting shared by every plot, and the document
 * wrapper's handling of hostile titles and id prefixes.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { svgDocument } from '@/core/plots/svg-document'
import { escapeXml, formatCount, formatCoordinate, formatFixed, formatLevel, formatPValue, textWidth, truncateLabel, wrapText } from '@/core/plots/svg-text'
import { HOSTILE, parseSvg } from './svg-test-helpers'

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(HOSTILE)).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &apos;y&apos;')
  })
  it('drops characters XML 1.0 forbids and keeps the rest', () => {
    expect(escapeXml('a\u0000b\u0007c\td\u000Be')).toBe('abc\tde')
    expect(escapeXml('Müller – τ² ≥ 0 😀')).toBe('Müller – τ² ≥ 0 😀')
  })
  it('always yields well-formed text content and attribute values', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const escaped = escapeXml(s)
        parseSvg(`<svg xmlns="http://www.w3.org/2000/svg" data-x="${escaped}"><text>${escaped}</text></svg>`)
        return !/[<>"']|&(?!(amp|lt|gt|quot|apos);)/.test(escaped)
      }),
      { numRuns: 200 },
    )
  })
})

describe('truncateLabel', () => {
  it('keeps short labels and cuts long ones to the stated width with an ellipsis', () => {
    expect(truncateLabel('Aronson 1948', 12)).toBe('Aronson 1948')
    expect(truncateLabel('Aronson 1948', 8)).toBe('Aronson…')
    expect(Array.from(truncateLabel('x'.repeat(100), 40))).toHaveLength(40)
  })
  it('collapses whitespace and counts code points, not UTF-16 units', () => {
    expect(truncateLabel('  a \n\t b  ', 10)).toBe('a b')
    expect(truncateLabel('😀😀😀😀', 3)).toBe('😀😀…')
  })
})

describe('wrapText', () => {
  it('keeps every line within the width and loses no word', () => {
    const text = 'Records marked as ineligible by automation tools and removed before screening'
    const lines = wrapText(text, 150, 12)
    expect(lines.length).toBeGreaterThan(1)
    for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(150)
    expect(lines.join(' ')).toBe(text)
  })
  it('does not break at no-break spaces and splits a word longer than a line', () => {
    expect(wrapText('Duplicates (n\u00A0=\u00A0603)', 90, 12)).toEqual(['Duplicates', '(n\u00A0=\u00A0603)'])
    const long = wrapText('x'.repeat(60), 100, 12)
    expect(long.length).toBeGreaterThan(1)
    expect(long.join('')).toBe('x'.repeat(60))
  })
})

describe('number formatting', () => {
  it('uses fixed decimals, never a negative zero', () => {
    expect(formatFixed(0.7891, 2)).toBe('0.79')
    expect(formatFixed(-0.0001, 2)).toBe('0.00')
    expect(formatFixed(-0.25, 2)).toBe('-0.25')
    expect(formatCoordinate(-0.001)).toBe('0')
    expect(formatCoordinate(12.3456)).toBe('12.35')
  })
  it('groups thousands and prints p-values and levels as journals do', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(999)).toBe('999')
    expect(formatCount(1234)).toBe('1,234')
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatPValue(0.2184)).toBe('0.218')
    expect(formatPValue(0.0004)).toBe('< 0.001')
    expect(formatLevel(0.95)).toBe('95%')
    expect(formatLevel(0.9)).toBe('90%')
  })
})

describe('svgDocument', () => {
  it('escapes the title and description and sanitises the id prefix', () => {
    const svg = svgDocument({ width: 100.2, height: 50, idPrefix: '1 "bad" id', title: HOSTILE, description: `${HOSTILE} desc`, body: [] })
    const root = parseSvg(svg)
    expect(root.attributes.width).toBe('101')
    expect(root.attributes['aria-labelledby']).toBe('plot-1badid-title plot-1badid-desc')
    expect(root.children.find((c) => c.name === 'title')?.text).toBe(HOSTILE)
    expect(svg).not.toContain('<script>')
  })
})
