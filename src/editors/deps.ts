/**
 * What the editors' and evidence services are given from outside (house rule: side effects are passed in): the
 * clock and a source of random bytes (tokens, passwords, record IDs). Tests pin both.
 */
import { randomBytes } from 'node:crypto';

export interface ServiceDeps {
  now: () => Date;
  random: (n: number) => Uint8Array;
}

/** The real clock and the operating system's cryptographic random source. */
export function systemDeps(now: () => Date = () => new Date()): ServiceDeps {
  return { now, random: (n) => randomBytes(n) };
}

/** Who is acting: an account, or the public (a tip), or the command line. */
export interface Actor {
  userId: number | null;
  /** A username, `public` or `cli`. */
  name: string;
}

export const PUBLIC_ACTOR: Actor = { userId: null, name: 'public' };
export const CLI_ACTOR: Actor = { userId: null, name: 'cli' };
