'use client'
import type { ReactNode } from 'react'
import { SessionProvider } from 'next-auth/react'
import { TrpcProviders } from '@/lib/trpc/client'

export function Providers({ children }: { children: ReactNode }) {
  return (
    <SessionProvider refetchOnWindowFocus={false}>
      <TrpcProviders>{children}</TrpcProviders>
    </SessionProvider>
  )
}
