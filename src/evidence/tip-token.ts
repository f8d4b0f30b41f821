/**
 * The tip form's timing check: the form carries the time it was served, signed (HMAC-SHA256 with a secret the
 * server makes when it starts), so a submission sent sooner than a person could type (3 s) or from a page left
 * open too long (24 h, or served before the server restarted) is told apart from a real one without storing
 * anything. A bot that fetches the form and posts at once fails; one that waits pays 3 s a tip, which the per-client
 * limit makes pointless.
 */
import { createHmac } from 'node:crypto';
import { sameToken } from '../editors/tokens.ts';

export const TIP_MIN_MS = 3_000;
export const TIP_MAX_MS = 24 * 3600_000;

export type TokenCheck = 'ok' | 'too-fast' | 'stale' | 'bad';

const sign = (secret: Uint8Array, body: string) =>
  createHmac('sha256', secret).update(`tip|${body}`).digest('base64url').slice(0, 22);

export function issueTipToken(secret: Uint8Array, nowMs: number): string {
  const body = nowMs.toString(36);
  return `${body}.${sign(secret, body)}`;
}

export function checkTipToken(secret: Uint8Array, token: string, nowMs: number): TokenCheck {
  const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return 'bad';
  const [, body, mac] = m as unknown as [string, string, string];
  if (!sameToken(mac, sign(secret, body))) return 'bad';
  const age = nowMs - Number.parseInt(body, 36);
  if (age < TIP_MIN_MS) return 'too-fast';
  if (age > TIP_MAX_MS) return 'stale';
  return 'ok';
}
