import fs from 'node:fs'
import path from 'node:path'

/**
 * ../shared/data beside the repository (or FERRITE_SHARED_DATA): real export files and labelled
 * screening sets, read at run time and never copied into the project. Tests that need them skip, with
 * a message, when the folder is absent.
 */
export const sharedData = process.env.FERRITE_SHARED_DATA ?? path.resolve(import.meta.dirname, '../../../shared/data')
export const hasSharedData = fs.existsSync(path.join(sharedData, 'imports'))
export const importFile = (name: string) => path.join(sharedData, 'imports', name)

export async function* fileChunks(file: string, chunkSize = 64 * 1024): AsyncGenerator<Uint8Array> {
  const stream = fs.createReadStream(file, { highWaterMark: chunkSize })
  for await (const chunk of stream) yield chunk as Buffer
}

export async function* bytesChunks(bytes: Uint8Array, chunkSize = 4096): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize)
}
