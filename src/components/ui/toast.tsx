'use client'
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react'
import { Toast } from 'radix-ui'
import { cn } from '@/lib/cn'

type Tone = 'success' | 'error' | 'info'
interface Message {
  id: number
  text: string
  tone: Tone
}

const ToastContext = createContext<(text: string, tone?: Tone) => void>(() => undefined)

/** Says that something happened ("Saved", "Password changed"): a toast, read out by screen readers, gone after a few seconds. */
export const useToast = () => useContext(ToastContext)

const tones: Record<Tone, string> = {
  success: 'border-emerald-200 bg-emerald-50 text-emerald-950',
  error: 'border-red-200 bg-red-50 text-red-900',
  info: 'border-stone-200 bg-white text-stone-900',
}

let next = 1

export function ToastProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<Message[]>([])
  const show = useCallback((text: string, tone: Tone = 'success') => setMessages((m) => [...m.slice(-2), { id: next++, text, tone }]), [])
  return (
    <ToastContext.Provider value={show}>
      <Toast.Provider swipeDirection="right" duration={5000} label="Notification">
        {children}
        {messages.map((m) => (
          <Toast.Root
            key={m.id}
            type={m.tone === 'error' ? 'foreground' : 'background'}
            onOpenChange={(open) => {
              if (!open) setMessages((list) => list.filter((x) => x.id !== m.id))
            }}
            data-testid="toast"
            className={cn('flex items-start gap-3 rounded-md border px-3 py-2 text-ui shadow-md', tones[m.tone])}
          >
            <Toast.Description className="flex-1">{m.text}</Toast.Description>
            <Toast.Close aria-label="Dismiss" className="text-stone-500 hover:text-stone-900">
              ×
            </Toast.Close>
          </Toast.Root>
        ))}
        <Toast.Viewport className="fixed right-4 bottom-4 z-50 flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2 outline-none" />
      </Toast.Provider>
    </ToastContext.Provider>
  )
}
