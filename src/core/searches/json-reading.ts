/**
 * Reading the JSON the bibliographic services send: values are checked where they are used, so a
 * field that changed type yields an empty value, never an exception or a stored object.
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

export const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {})
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null)

/** The text a service gives as the reason it refused a request (OpenAlex, Crossref, Europe PMC error bodies). */
export function serviceErrorMessage(body: string): string {
  try {
    const json = JSON.parse(body) as unknown
    const o = obj(json)
    const crossref = arr(o.message)
      .map((m) => str(obj(m).message))
      .filter(Boolean)
    if (crossref.length) return crossref.join('; ').trim()
    const message = str(o.message) || str(o.error) || str(obj(o.errorResponse).message) || str(o.errorMessage)
    if (message) return str(o.error) && str(o.message) ? `${str(o.error)} ${str(o.message)}` : message
  } catch {
    // not JSON: E-utilities and proxies answer in XML, HTML or plain text
  }
  const error = /<ERROR>([\s\S]*?)<\/ERROR>/.exec(body)?.[1]
  if (error) return error.trim()
  return body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300)
}
