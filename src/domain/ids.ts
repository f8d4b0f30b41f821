/**
 * Stable identifiers. Documented in docs/identifiers.md.
 *
 * - agency_id    `agy-` + 10 base32 characters of sha256("agency|<USPS state>|<matching key>") of the name under
 *                which the agency was FIRST seen. Minted once, stored, never recomputed, never reused.
 * - agreement_id `agr-` + 10 base32 characters of sha256("agreement|<agency_id>|<model>|<generation>").
 *
 * Deterministic minting means two ledgers built from the same publications agree on every ID.
 */
import { createHash } from 'node:crypto';

const ALPHABET = 'abcdefghjkmnpqrstvwxyz0123456789'; // Crockford-like: no i, l, o, u

function base32(buf: Buffer, n: number): string {
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const byte of buf) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < n) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= n) break;
  }
  return out;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

export function mintAgencyId(state: string, key: string, taken: (id: string) => boolean): string {
  for (let i = 0; ; i++) {
    const id = `agy-${base32(digest(`agency|${state}|${key}${i ? `|${i}` : ''}`), 10)}`;
    if (!taken(id)) return id;
  }
}

export function mintAgreementId(agencyId: string, model: string, generation: number): string {
  return `agr-${base32(digest(`agreement|${agencyId}|${model}|${generation}`), 10)}`;
}

export const AGENCY_ID_RE = /^agy-[a-hjkmnp-tv-z0-9]{10}$/;
export const AGREEMENT_ID_RE = /^agr-[a-hjkmnp-tv-z0-9]{10}$/;
