import type { ReactNode } from 'react'
import { AppHeader } from '@/app/_components/app-header'

export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <AppHeader />
      <main id="main" className="mx-auto max-w-screen-2xl px-4 py-6">
        {children}
      </main>
    </>
  )
}
