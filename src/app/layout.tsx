import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import './globals.css'
import { Providers } from './_components/providers'

export const metadata: Metadata = {
  title: { default: 'Ferrite', template: '%s · Ferrite' },
  description: 'Systematic reviews with meta-analysis, from search results to a published living review.',
}

// Every page is rendered per request: its scripts carry the request's CSP nonce (see src/cli/web.ts),
// which a page prerendered at build time could not.
export const dynamic = 'force-dynamic'

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  )
}
