/**
 * The one error type services throw. The tRPC error formatter maps `code` to an HTTP status and
 * passes `fieldErrors` to forms, which show them beside the fields.
 */
import 'server-only'
export type AppErrorCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS' | 'PRECONDITION_FAILED' | 'PAYLOAD_TOO_LARGE'

export class AppError extends Error {
  override name = 'AppError'
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`)
export const fieldError = (field: string, message: string) => new AppError('BAD_REQUEST', message, { [field]: [message] })
