'use client'
import { signOut } from 'next-auth/react'
import { Button } from './ui/button'

export function SignOutButton() {
  return (
    <Button variant="ghost" size="sm" onClick={() => void signOut({ callbackUrl: '/signin' })}>
      Sign out
    </Button>
  )
}
