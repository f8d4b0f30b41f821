import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
  it('allows max requests per window and says when the window resets', () => {
    const l = new RateLimiter(60_000, 2);
    expect(l.hit('a', 0).allowed).toBe(true);
    expect(l.hit('a', 1000).allowed).toBe(true);
    const over = l.hit('a', 2000);
    expect(over).toEqual({ allowed: false, remaining: 0, reset: 58 });
    expect(l.hit('b', 2000).allowed).toBe(true);
    expect(l.hit('a', 60_000).allowed).toBe(true);
  });

  it('remembers a bounded number of clients under a flood of new addresses within one window', () => {
    const l = new RateLimiter(60_000, 5, 1000);
    for (let i = 0; i < 20_000; i++) l.hit(`10.0.${i >> 8}.${i & 255}`, i);
    expect(l.size).toBeLessThanOrEqual(1000);
    // A client seen recently keeps its count.
    for (let k = 0; k < 5; k++) l.hit('recent', 20_000);
    expect(l.hit('recent', 20_001).allowed).toBe(false);
  });
});
