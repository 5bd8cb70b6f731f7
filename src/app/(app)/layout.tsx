import type { ReactNode } from 'react'
import { AppHeader } from '@/app/_components/app-header'

export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <AppHeader />
      <div className="mx-auto max-w-screen-2xl px-4 py-6">{children}</div>
    </>
  )
}
