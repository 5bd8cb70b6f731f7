'use client'
import { useState, type FormEvent } from 'react'
import { useRouter } from 'next/navigation'
import { signIn } from 'next-auth/react'
import { Button } from '@/components/ui/button'
import { Field, FormError, Input } from '@/components/ui/field'

const messages: Record<string, string> = {
  CredentialsSignin: 'The email or password is not correct.',
  RateLimited: 'Too many failed sign-ins for this account or from this address. Wait 15 minutes and try again.',
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    setPending(true)
    setError(null)
    const res = await signIn('credentials', { redirect: false, email: String(form.get('email')), password: String(form.get('password')) })
    setPending(false)
    if (res?.ok && !res.error) {
      router.replace(callbackUrl)
      router.refresh()
      return
    }
    setError(messages[res?.status === 429 ? 'RateLimited' : (res?.error ?? '')] ?? 'Sign-in failed. Try again.')
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <FormError message={error} />
      <Field label="Email">{(p) => <Input {...p} name="email" type="email" autoComplete="email" required />}</Field>
      <Field label="Password">{(p) => <Input {...p} name="password" type="password" autoComplete="current-password" required />}</Field>
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
    </form>
  )
}
