/**
 * Where the real reference-manager exports live (outside the repository, never copied into it) and
 * how tests read them. Tests skip with a message when the folder is absent.
 */
import fs from 'node:fs'
import path from 'node:path'
import { sharedData } from '../../../helpers/shared-data'

export const repoRoot = path.resolve(import.meta.dirname, '../../../..')
export const importsDir = path.join(sharedData, 'imports')
export const importsAvailable = fs.existsSync(path.join(importsDir, 'INDEX.md'))
export const skipReason = `real export files not found in ${importsDir}; skipping`

if (!importsAvailable) console.warn(skipReason)

export function readImport(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(importsDir, name)))
}

export function readExpected<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(importsDir, `${name}.expected.json`), 'utf8')) as T
}

export function importPath(name: string): string {
  return path.join(importsDir, name)
}
