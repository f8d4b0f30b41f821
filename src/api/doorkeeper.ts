/**
 * A cache's doorkeeper (as in TinyLFU): which keys were asked for once already, so a body is kept only from the
 * second time. It remembers a 32-bit hash of each key, never the key (a key is a URL a client chose: remembering
 * 100,000 of them could hold 100,000 × 16 KB), and forgets them all past `max`. A hash collision only lets a body
 * in one request early.
 */

/** FNV-1a over the key's UTF-16 code units. */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Doorkeeper {
  private readonly seen = new Set<number>();

  constructor(private readonly max = 100_000) {}

  /** True when the key was seen before (since the last clear); records it otherwise. */
  admit(key: string): boolean {
    const h = keyHash(key);
    if (this.seen.has(h)) return true;
    if (this.seen.size >= this.max) this.seen.clear();
    this.seen.add(h);
    return false;
  }

  clear(): void {
    this.seen.clear();
  }
}
