'use client'
import { useState, type FormEvent } from 'react'
import { useRouter } from 'next/navigation'
import { signIn } from 'next-auth/react'
import { useMutation } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Field, FormError, Input } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const trpc = useTRPC()
  const router = useRouter()
  const signUp = useMutation(trpc.account.signUp.mutationOptions())
  const [signInError, setSignInError] = useState<string | null>(null)
  const { fieldErrors, message } = formErrors(signUp.error)

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const input = { name: String(form.get('name')), email: String(form.get('email')), password: String(form.get('password')) }
    setSignInError(null)
    signUp.mutate(input, {
      async onSuccess() {
        const res = await signIn('credentials', { redirect: false, email: input.email, password: input.password })
        if (res?.ok && !res.error) {
          router.replace(callbackUrl)
          router.refresh()
        } else setSignInError('Your account was created, but signing in failed. Sign in with your new password.')
      },
    })
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <FormError message={signInError ?? (Object.keys(fieldErrors).length ? null : message)} />
      <Field label="Name" error={fieldErrors.name}>
        {(p) => <Input {...p} name="name" autoComplete="name" required />}
      </Field>
      <Field label="Email" error={fieldErrors.email}>
        {(p) => <Input {...p} name="email" type="email" autoComplete="email" required />}
      </Field>
      <Field label="Password" error={fieldErrors.password} hint="At least 10 characters. A passphrase is easiest to remember.">
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" pending={signUp.isPending} className="w-full">
        Create account
      </Button>
    </form>
  )
}
