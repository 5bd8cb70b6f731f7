/**
 * Uploads a file as the request body with XMLHttpRequest (fetch cannot report upload progress), and
 * reads an NDJSON response line by line as it arrives.
 */
export interface UploadOptions {
  url: string
  file: Blob
  onUploadProgress?: (sent: number, total: number) => void
  onLine?: (line: unknown) => void
  signal?: AbortSignal
}

export function upload({ url, file, onUploadProgress, onLine, signal }: UploadOptions): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    let seen = 0
    const drain = (final: boolean) => {
      if (!onLine) return
      const text = xhr.responseText
      const end = final ? text.length : text.lastIndexOf('\n') + 1
      if (end <= seen) return
      for (const line of text.slice(seen, end).split('\n')) if (line.trim()) onLine(JSON.parse(line))
      seen = end
    }
    xhr.open('POST', url)
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream')
    xhr.upload.onprogress = (e) => onUploadProgress?.(e.loaded, e.lengthComputable ? e.total : file.size)
    xhr.onprogress = () => drain(false)
    xhr.onload = () => {
      if (xhr.getResponseHeader('content-type')?.includes('ndjson')) drain(true)
      resolve({ status: xhr.status, body: xhr.responseText })
    }
    xhr.onerror = () => reject(new Error('The upload failed: the connection was interrupted.'))
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'))
    signal?.addEventListener('abort', () => xhr.abort())
    xhr.send(file)
  })
}

/** The error message of a JSON error response, or a generic one. */
export function errorOf(body: string): string {
  try {
    return (JSON.parse(body) as { error?: string }).error ?? 'The server refused the upload.'
  } catch {
    return 'The server refused the upload.'
  }
}
