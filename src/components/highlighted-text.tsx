import { Fragment, useMemo } from 'react'

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Text with the review's inclusion keywords marked green and exclusion keywords red. Built from React
 * text nodes only: the record's text is never interpreted as HTML. A keyword ending in * matches any
 * ending (random* → randomised, randomized).
 */
export function HighlightedText({ text, include, exclude }: { text: string; include: readonly string[]; exclude: readonly string[] }) {
  const pattern = useMemo(() => {
    const words = [...include, ...exclude].filter(Boolean).sort((a, b) => b.length - a.length)
    if (!words.length) return null
    const alternatives = words.map((w) => (w.endsWith('*') ? `${escapeRegExp(w.slice(0, -1))}\\w*` : escapeRegExp(w)))
    return new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu')
  }, [include, exclude])
  const kind = useMemo(() => {
    const test = (list: readonly string[], m: string) => list.some((w) => (w.endsWith('*') ? m.toLowerCase().startsWith(w.slice(0, -1).toLowerCase()) : m.toLowerCase() === w.toLowerCase()))
    return (m: string) => (test(exclude, m) ? 'exclude' : test(include, m) ? 'include' : null)
  }, [include, exclude])
  if (!pattern) return <>{text}</>
  const parts = text.split(pattern)
  return (
    <>
      {parts.map((part, i) => {
        const k = i % 2 === 1 ? kind(part) : null
        if (!k) return <Fragment key={i}>{part}</Fragment>
        return (
          <mark key={i} className={k === 'include' ? 'rounded-sm bg-emerald-100 px-0.5 text-emerald-950' : 'rounded-sm bg-rose-100 px-0.5 text-rose-950'} data-keyword={k}>
            {part}
          </mark>
        )
      })}
    </>
  )
}
