const base = 'http://ferrite.invalid'

/**
 * Only a path on this site may be where sign-in returns to (no open redirect). Browsers drop tabs and
 * line breaks from addresses and read `\` as `/`, so `/\t/evil.example` would become `//evil.example`:
 * a value with either is refused, and what is left must resolve to this origin. Returns the path,
 * query and fragment as the URL parser normalised them, or the fallback.
 */
export function safeCallbackUrl(value: string | string[] | undefined, fallback = '/reviews'): string {
  const v = Array.isArray(value) ? value[0] : value
  if (!v?.startsWith('/') || v.startsWith('//') || /[\u0000-\u001f\u007f\\]/.test(v)) return fallback
  try {
    const url = new URL(v, base)
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback
  } catch {
    return fallback
  }
}
