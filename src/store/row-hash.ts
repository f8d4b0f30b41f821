import { hash } from 'node:crypto';

/** 64-bit content hash of a row signature (collisions are negligible at the tens of thousands of versions). */
export function rowHash(sig: string): string {
  return hash('sha1', sig, 'hex').slice(0, 16);
}
