import fs from 'node:fs'
import path from 'node:path'

/** ../shared/data beside the repository: real export files and labelled sets, read at run time, never copied. */
export const sharedData = path.resolve(import.meta.dirname, '../../../shared/data')
export const hasSharedData = fs.existsSync(path.join(sharedData, 'imports'))
export const importFile = (name: string) => path.join(sharedData, 'imports', name)

export async function* fileChunks(file: string, chunkSize = 64 * 1024): AsyncGenerator<Uint8Array> {
  const stream = fs.createReadStream(file, { highWaterMark: chunkSize })
  for await (const chunk of stream) yield chunk as Buffer
}

export async function* bytesChunks(bytes: Uint8Array, chunkSize = 4096): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize)
}
