import { createCallerFactory, router } from './trpc'
import { accountRouter } from './routers/account'
import { reviewRouter } from './routers/review'
import { memberRouter } from './routers/member'

export const appRouter = router({
  account: accountRouter,
  review: reviewRouter,
  member: memberRouter,
})

export type AppRouter = typeof appRouter
export const createCaller = createCallerFactory(appRouter)
