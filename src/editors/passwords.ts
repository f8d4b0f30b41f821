/**
 * Password hashing with argon2id (memory-hard; @node-rs/argon2): 19 MiB, 2 passes, 1 lane, the OWASP minimum for
 * argon2id, about 25 ms a hash on the test machine. The hash string carries its own parameters and salt, so the
 * parameters can be raised later without breaking older hashes. Generated passwords are 20 characters from a
 * 56-character alphabet (over 115 bits).
 */
import { hash, verify } from '@node-rs/argon2';

/** argon2id in @node-rs/argon2's `Algorithm` (a const enum its types declare, which isolated modules cannot read). */
const ARGON2ID = 2;
const PARAMS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

/** Whether `password` matches `stored`; false (never a throw) for a malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * A hash verified against when the username is unknown, so an unknown name takes as long as a wrong password (a
 * match means nothing: the caller refuses the login whatever the answer).
 */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy password of no account');
  return decoy;
}

/** Why a new password is refused, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD) return `a password has at least ${MIN_PASSWORD} characters`;
  if (password.length > MAX_PASSWORD) return `a password has at most ${MAX_PASSWORD} characters`;
  return null;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A new random password (20 characters), from random bytes given by the caller. */
export function generatePassword(random: (n: number) => Uint8Array): string {
  let out = '';
  while (out.length < 20) {
    for (const b of random(32)) {
      // Rejection sampling: bytes past the last whole multiple of the alphabet's size would bias it.
      if (b < 224 && out.length < 20) out += ALPHABET[b % ALPHABET.length];
    }
  }
  return out;
}
