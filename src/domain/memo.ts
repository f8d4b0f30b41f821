/**
 * Memoizes a pure one-argument normalizer by its string input. ICE republishes the same values hundreds of times
 * (a full rebuild normalizes ~190,000 rows holding ~10,000 distinct names), so caching pure functions is the
 * cheapest speed-up. Bounded so a hostile input cannot grow it without limit.
 */
export function memo<R>(fn: (s: string) => R, max = 200_000): (s: string) => R {
  const cache = new Map<string, R>();
  return (s: string) => {
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as R;
    const r = fn(s);
    if (cache.size >= max) cache.clear();
    cache.set(s, r);
    return r;
  };
}
