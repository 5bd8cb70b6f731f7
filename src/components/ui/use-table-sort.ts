'use client'
import { useState } from 'react'
import { nextSort, type TableSort } from './data-table'

/** The sort state of a DataTable in a client component: choosing a header sorts by it, again reverses. */
export function useTableSort(initial: TableSort | null = null) {
  const [sort, setSort] = useState<TableSort | null>(initial)
  return { sort, onSort: (key: string) => setSort((s) => nextSort(s, key)) }
}
