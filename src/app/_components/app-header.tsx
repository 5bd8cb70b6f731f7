import Link from 'next/link'
import { getSessionUser } from '@/server/auth/session'
import { SignOutButton } from '@/components/sign-out-button'

/** The bar at the top of every signed-in page. */
export async function AppHeader() {
  const user = await getSessionUser()
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex h-12 max-w-screen-2xl items-center gap-6 px-4">
        <Link href="/reviews" className="flex items-center gap-2 font-semibold tracking-tight text-stone-900">
          <span aria-hidden className="grid size-6 place-items-center rounded bg-accent-700 text-fine font-bold text-white">
            Fe
          </span>
          Ferrite
        </Link>
        {user ? (
          <nav aria-label="Main" className="flex items-center gap-4 text-ui">
            <Link href="/reviews" className="text-stone-700 hover:text-stone-900">
              My reviews
            </Link>
          </nav>
        ) : null}
        <div className="ml-auto flex items-center gap-3 text-ui">
          {user ? (
            <>
              <Link href="/account" className="text-stone-700 hover:text-stone-900">
                {user.name || user.email}
              </Link>
              <SignOutButton />
            </>
          ) : (
            <Link href="/signin" className="text-stone-700 hover:text-stone-900">
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  )
}
