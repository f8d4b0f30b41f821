/** The per-client rate limit: who the client is, and how many requests it made in the current window. */

export interface RateLimit {
  windowMs: number;
  max: number;
}

/**
 * The rate limit's client key: the socket's address, or with a trusted proxy the address it forwarded (the last of
 * `X-Forwarded-For`). `remote` is a function: reading the socket's address can throw.
 */
export function clientKey(
  forwardedFor: string | undefined,
  remote: () => string | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const last = forwardedFor?.split(',').pop()?.trim();
    if (last) return last;
  }
  try {
    return remote() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Clients remembered at most: past it, windows that ended are dropped, then the oldest ones (bounded memory). */
export const MAX_CLIENTS = 50_000;

/**
 * Requests per client in fixed windows. The clients remembered are bounded (MAX_CLIENTS): under a flood of new
 * addresses the oldest windows are forgotten first, which can only give those clients a fresh window early.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly max: number,
    private readonly maxClients = MAX_CLIENTS,
  ) {}

  /** How many clients are remembered. */
  get size(): number {
    return this.windows.size;
  }

  private makeRoom(now: number): void {
    for (const [k, v] of this.windows) if (now - v.start >= this.windowMs) this.windows.delete(k);
    // Oldest first (a Map keeps insertion order, and a client's new window is a new insertion).
    for (const k of this.windows.keys()) {
      if (this.windows.size < this.maxClients) break;
      this.windows.delete(k);
    }
  }

  /** null when allowed, else seconds until the window resets. */
  hit(key: string, now: number): { allowed: boolean; remaining: number; reset: number } {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (w) this.windows.delete(key);
      if (this.windows.size >= this.maxClients) this.makeRoom(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    const reset = Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
    return { allowed: w.count <= this.max, remaining: Math.max(0, this.max - w.count), reset };
  }
}
