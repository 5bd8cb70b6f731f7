/**
 * The Content Security Policy. Scripts run only from this origin or inline with the request's nonce
 * (Next.js puts the nonce it finds in the request's policy on every script it writes), so markup that
 * reaches a page by mistake cannot run script. Styles keep 'unsafe-inline' (React writes style
 * attributes; a style cannot run script). The tRPC API answers JSON and gets the strictest policy.
 */
import crypto from 'node:crypto'

export const newNonce = () => crypto.randomBytes(16).toString('base64')

export function pagePolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // development needs eval for React's debugging and Fast Refresh
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export const apiPolicy = "default-src 'none'; frame-ancestors 'none'"
