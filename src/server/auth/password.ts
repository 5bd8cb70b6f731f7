import 'server-only'
import { hash, verify } from '@node-rs/argon2'

// argon2id (the library's default algorithm) with OWASP's baseline (m = 19 MiB, t = 2, p = 1): about 25 ms a hash on this hardware.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string): Promise<string> => hash(password, options)

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which emails exist. */
let dummy: Promise<string> | undefined
export const dummyHash = () => (dummy ??= hashPassword('ferrite-timing-equaliser'))
