import { createHash } from 'node:crypto';

/** 64-bit content hash of a row signature (collisions are negligible at the tens of thousands of versions). */
export function rowHash(sig: string): string {
  return createHash('sha1').update(sig).digest('hex').slice(0, 16);
}
