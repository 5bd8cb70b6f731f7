import Link from 'next/link'
import type { HTMLAttributes, ReactNode } from 'react'
import { cn } from '@/lib/cn'

export interface Column<T> {
  key: string
  header: ReactNode
  /** the header's text for screen readers when it shows none (an actions column) */
  srHeader?: string
  cell: (row: T, index: number) => ReactNode
  align?: 'left' | 'right' | 'center'
  className?: string
  /** classes of the header cell (a width, in a table-fixed layout) */
  headerClassName?: string
  /** the row's name (a th with scope=row) */
  rowHeader?: boolean
  /** what the column sorts by; a column without it does not sort */
  sortValue?: (row: T) => string | number | null | undefined
}

export interface TableSort {
  key: string
  dir: 'asc' | 'desc'
}

interface Props<T> {
  rows: readonly T[]
  columns: readonly Column<T>[]
  rowKey: (row: T, index: number) => string
  caption?: ReactNode
  /** shown in place of the rows when there are none (and not `loading`) */
  empty?: ReactNode
  loading?: boolean
  /** new rows are on their way (the old ones stay, dimmed) */
  busy?: boolean
  /** the current order; with `onSort` (a client component) or `sortHref` (a server page) the headers sort */
  sort?: TableSort | null
  onSort?: (key: string) => void
  sortHref?: (key: string) => string
  /** keeps the header row in view while the table scrolls (inside a box with a height) */
  stickyHeader?: boolean
  rowProps?: (row: T, index: number) => HTMLAttributes<HTMLTableRowElement> & { 'data-testid'?: string }
  className?: string
  testId?: string
}

const align = { left: 'text-left', right: 'text-right', center: 'text-center' } as const

/** Rows in the order `sort` asks for (stable; missing values last). */
export function sortRows<T>(rows: readonly T[], columns: readonly Column<T>[], sort: TableSort | null | undefined): T[] {
  const column = sort && columns.find((c) => c.key === sort.key && c.sortValue)
  if (!column || !sort) return [...rows]
  const factor = sort.dir === 'asc' ? 1 : -1
  return rows
    .map((row, i) => ({ row, i, v: column.sortValue!(row) }))
    .sort((a, b) => {
      if (a.v === b.v) return a.i - b.i
      if (a.v === null || a.v === undefined) return 1
      if (b.v === null || b.v === undefined) return -1
      return (typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v), 'en-GB', { numeric: true })) * factor
    })
    .map((x) => x.row)
}

/** The next order when a header is chosen: that column ascending, then descending. */
export const nextSort = (current: TableSort | null | undefined, key: string): TableSort => ({ key, dir: current?.key === key && current.dir === 'asc' ? 'desc' : 'asc' })

/**
 * The one table of Ferrite's pages: dense rows, a header that can stay in view, headers that sort where
 * a person would sort (as buttons in the page, or links on server pages), and a message when empty.
 * It holds no state, so server pages and client components both use it.
 */
export function DataTable<T>({ rows, columns, rowKey, caption, empty, loading, busy, sort, onSort, sortHref, stickyHeader, rowProps, className, testId }: Props<T>) {
  const shown = sortRows(rows, columns, sort)
  const sortable = (c: Column<T>) => Boolean(c.sortValue && (onSort || sortHref))
  const ariaSort = (c: Column<T>) => (sort?.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : sortable(c) ? 'none' : undefined)
  const arrow = (c: Column<T>) => (sort?.key === c.key ? (sort.dir === 'asc' ? ' ↑' : ' ↓') : '')
  return (
    <table className={cn('w-full text-left text-ui', className)} data-testid={testId}>
      {caption ? <caption className="px-4 py-2 text-left font-medium">{caption}</caption> : null}
      <thead className={cn('text-xs text-stone-600', stickyHeader && 'sticky top-0 z-10 bg-white shadow-[0_1px_0_var(--color-stone-200)]')}>
        <tr className="border-b border-stone-200">
          {columns.map((c) => (
            <th key={c.key} scope="col" aria-sort={ariaSort(c)} className={cn('px-4 py-2 font-medium', align[c.align ?? 'left'], c.headerClassName)}>
              {sortable(c) ? (
                onSort ? (
                  <button type="button" className="font-medium hover:text-stone-900" onClick={() => onSort(c.key)}>
                    {c.header}
                    {arrow(c)}
                  </button>
                ) : (
                  <Link className="hover:text-stone-900" href={sortHref!(c.key)}>
                    {c.header}
                    {arrow(c)}
                  </Link>
                )
              ) : c.srHeader ? (
                <span className="sr-only">{c.srHeader}</span>
              ) : (
                c.header
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className={cn('divide-y divide-stone-100', busy && 'opacity-70')} aria-busy={busy || undefined}>
        {shown.map((row, i) => (
          <tr key={rowKey(row, i)} className="align-top" {...rowProps?.(row, i)}>
            {columns.map((c) =>
              c.rowHeader ? (
                <th key={c.key} scope="row" className={cn('px-4 py-1.5 text-left font-medium', align[c.align ?? 'left'], c.className)}>
                  {c.cell(row, i)}
                </th>
              ) : (
                <td key={c.key} className={cn('px-4 py-1.5', align[c.align ?? 'left'], c.align === 'right' && 'tabular whitespace-nowrap', c.className)}>
                  {c.cell(row, i)}
                </td>
              ),
            )}
          </tr>
        ))}
        {!shown.length ? (
          <tr>
            <td colSpan={columns.length} className="px-4 py-6 text-center text-stone-600">
              {loading ? 'Loading…' : (empty ?? 'Nothing here yet.')}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  )
}
