import type { Metadata } from 'next'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { orNotFound } from '@/app/_lib/page-access'
import { SavedSearches } from './saved-searches'
import { SearchForm } from './search-form'
import { SearchRuns } from './search-runs'

export const metadata: Metadata = { title: 'Living searches' }
export const dynamic = 'force-dynamic'

export default async function SearchesPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const { role } = await orNotFound((await serverCaller()).review.get({ reviewId }))
  const canManage = can(role, 'records.import')
  return (
    <div className="grid gap-4 xl:grid-cols-[3fr_2fr]">
      <div className="min-w-0 space-y-4">
        <SavedSearches reviewId={reviewId} canManage={canManage} />
        <SearchRuns reviewId={reviewId} />
      </div>
      {canManage ? <SearchForm reviewId={reviewId} /> : null}
    </div>
  )
}
