'use client'
import { useRef, type FormEvent } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { Field, FormError, Input } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { useToast } from '@/components/ui/toast'

export function AccountForms({ name, email }: { name: string; email: string }) {
  const trpc = useTRPC()
  const router = useRouter()
  const passwordForm = useRef<HTMLFormElement>(null)
  const toast = useToast()
  const profile = useMutation(trpc.account.updateProfile.mutationOptions({ onSuccess: () => (toast('Name saved.'), router.refresh()) }))
  const password = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: ({ endedSessions }) => {
        passwordForm.current?.reset()
        toast(`Password changed.${endedSessions ? ` Signed out of ${endedSessions} other session${endedSessions === 1 ? '' : 's'}.` : ''}`)
      },
    }),
  )
  const elsewhere = useMutation(
    trpc.account.signOutElsewhere.mutationOptions({
      onSuccess: ({ endedSessions }) => toast(endedSessions ? `Signed out of ${endedSessions} other session${endedSessions === 1 ? '' : 's'}.` : 'No other session was open.'),
    }),
  )
  const profileErrors = formErrors(profile.error)
  const passwordErrors = formErrors(password.error)

  return (
    <>
      <Card>
        <CardHeader title="Profile" description={`Signed in as ${email}`} />
        <CardBody>
          <form
            className="flex items-end gap-3"
            noValidate
            onSubmit={(e: FormEvent<HTMLFormElement>) => {
              e.preventDefault()
              profile.mutate({ name: String(new FormData(e.currentTarget).get('name')) })
            }}
          >
            <div className="flex-1">
              <Field label="Name" error={profileErrors.fieldErrors.name}>
                {(p) => <Input {...p} name="name" defaultValue={name} autoComplete="name" />}
              </Field>
            </div>
            <Button type="submit" variant="secondary" pending={profile.isPending}>
              Save name
            </Button>
          </form>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Change password" />
        <CardBody>
          <form
            ref={passwordForm}
            className="space-y-3"
            noValidate
            onSubmit={(e: FormEvent<HTMLFormElement>) => {
              e.preventDefault()
              const f = new FormData(e.currentTarget)
              password.mutate({ currentPassword: String(f.get('currentPassword')), newPassword: String(f.get('newPassword')) })
            }}
          >
            <FormError message={Object.keys(passwordErrors.fieldErrors).length ? null : passwordErrors.message} />
            <Field label="Current password" error={passwordErrors.fieldErrors.currentPassword}>
              {(p) => <Input {...p} name="currentPassword" type="password" autoComplete="current-password" />}
            </Field>
            <Field label="New password" error={passwordErrors.fieldErrors.newPassword} hint="At least 10 characters.">
              {(p) => <Input {...p} name="newPassword" type="password" autoComplete="new-password" />}
            </Field>
            <Button type="submit" pending={password.isPending}>
              Change password
            </Button>
          </form>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Sessions" description="Changing the password also signs you out everywhere else." />
        <CardBody className="flex items-center justify-between gap-3 text-ui">
          <p className="text-stone-700">Signed in on a computer you no longer use, or think someone else is? End every session but this one.</p>
          <Button
            type="button"
            variant="secondary"
            pending={elsewhere.isPending}
            onClick={() => {
              elsewhere.mutate()
            }}
          >
            Sign out everywhere else
          </Button>
        </CardBody>
      </Card>
    </>
  )
}
