'use client'
import type { ReactNode } from 'react'
import { SessionProvider } from 'next-auth/react'
import { TrpcProviders } from '@/lib/trpc/client'
import { ToastProvider } from '@/components/ui/toast'

export function Providers({ children }: { children: ReactNode }) {
  return (
    <SessionProvider refetchOnWindowFocus={false}>
      <TrpcProviders>
        <ToastProvider>{children}</ToastProvider>
      </TrpcProviders>
    </SessionProvider>
  )
}
