'use client'
import { useRouter } from 'next/navigation'
import { Segmented } from './segmented'

/** A segmented choice whose choices are pages (a stage, a scope, a tool): picking one goes to its address. */
export function NavSegmented({ label, value, items }: { label: string; value: string; items: { value: string; label: string; href: string }[] }) {
  const router = useRouter()
  return <Segmented label={label} value={value} items={items} onChange={(v) => router.push(items.find((i) => i.value === v)!.href)} />
}
