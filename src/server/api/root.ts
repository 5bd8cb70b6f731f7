import 'server-only'
import { createCallerFactory, router } from './trpc'
import { accountRouter } from './routers/account'
import { reviewRouter } from './routers/review'
import { memberRouter } from './routers/member'
import { recordsRouter } from './routers/records'
import { screeningRouter } from './routers/screening'
import { screeningSettingsRouter } from './routers/screening-settings'
import { studiesRouter } from './routers/studies'
import { formsRouter } from './routers/forms'
import { entriesRouter } from './routers/entries'
import { analysesRouter } from './routers/analyses'
import { publicationRouter } from './routers/publication'
import { searchesRouter } from './routers/searches'

export const appRouter = router({
  account: accountRouter,
  review: reviewRouter,
  member: memberRouter,
  records: recordsRouter,
  screening: screeningRouter,
  screeningSettings: screeningSettingsRouter,
  studies: studiesRouter,
  forms: formsRouter,
  entries: entriesRouter,
  analyses: analysesRouter,
  publication: publicationRouter,
  searches: searchesRouter,
})

export type AppRouter = typeof appRouter
export const createCaller = createCallerFactory(appRouter)
