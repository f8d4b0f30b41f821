/**
 * Session tokens and CSRF tokens. The cookie holds a 256-bit random token; the ledger keeps only its sha256, so
 * neither a copy of the sessions table nor the audit log opens a session. A form's CSRF token is an HMAC of the
 * session token (keyed by it), so it is bound to the session, changes with every login, and needs no storage.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const TOKEN_BYTES = 32;

export function newToken(random: (n: number) => Uint8Array): string {
  return Buffer.from(random(TOKEN_BYTES)).toString('base64url');
}

/** Whether a string looks like one of our tokens (43 base64url characters). */
export function isToken(s: string | undefined): s is string {
  return !!s && /^[A-Za-z0-9_-]{43}$/.test(s);
}

/** The ID the ledger knows a session by: sha256 (hex) of its token. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The CSRF token of the forms of a session. */
export function csrfFor(token: string): string {
  return createHmac('sha256', token).update('reassess csrf v1').digest('base64url');
}

/** Constant-time comparison of two strings (false when their lengths differ). */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
