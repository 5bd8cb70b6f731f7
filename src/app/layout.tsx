import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import './globals.css'
import { Providers } from './_components/providers'

export const metadata: Metadata = {
  title: { default: 'Ferrite', template: '%s · Ferrite' },
  description: 'Systematic reviews with meta-analysis, from search results to a published living review.',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  )
}
