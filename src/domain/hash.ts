/** The hashes that identify things: raw files by sha256, row versions by a short content hash. */
import { createHash, hash } from 'node:crypto';

/** Hex sha256 of bytes or text: the identity of every raw file. */
export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** 64-bit content hash of a row signature (collisions are negligible at the tens of thousands of versions). */
export function rowHash(sig: string): string {
  return hash('sha1', sig, 'hex').slice(0, 16);
}
