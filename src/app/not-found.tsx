import Link from 'next/link'

export default function NotFound() {
  return (
    <main className="grid min-h-[60vh] place-items-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-accent-700">404</p>
        <h1 className="mt-1 text-xl font-semibold">Page not found</h1>
        <p className="mt-2 text-stone-600">This page does not exist, or you do not have access to it. If someone shared a review with you, ask them for an invitation link.</p>
        <Link href="/reviews" className="mt-4 inline-block font-medium text-accent-700 underline-offset-2 hover:underline">
          Go to my reviews
        </Link>
      </div>
    </main>
  )
}
