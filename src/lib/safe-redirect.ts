/** Only same-site paths may be redirect targets after sign-in (no open redirects). */
export function safeCallbackUrl(value: string | string[] | undefined, fallback = '/reviews'): string {
  const v = Array.isArray(value) ? value[0] : value
  return v && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/\\') ? v : fallback
}
