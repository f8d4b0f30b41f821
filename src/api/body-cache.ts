/** Rendered API bodies of one ledger version, with their strong ETag and compressed copies, kept within a budget. */
import { LRUCache } from 'lru-cache';
import { Doorkeeper } from './doorkeeper.ts';

const CACHE_BYTES = 64 * 1024 * 1024;

export interface Cached {
  body: string;
  /** Strong tag of the identity body; compressed bodies add `-br` / `-gzip` inside the quotes. */
  etag: string;
  /** Compressed bodies, made on first request. */
  br?: Uint8Array<ArrayBuffer>;
  gzip?: Uint8Array<ArrayBuffer>;
}

/**
 * Rendered bodies of one ledger version, least recently used dropped past a byte budget. lru-cache rather than a
 * Map used as a queue: deleting a Map's oldest keys leaves holes that the next `keys().next()` walks over again,
 * which showed in uncached searches when every request evicted one (docs/performance.md § Choices measured in the
 * code).
 *
 * A body is kept from the second time its URL is asked (a doorkeeper, as in TinyLFU): a body kept on first sight
 * outlives a young-generation collection, which then copies it (and promotes it) — with searches that rarely
 * repeat, every collection copied megabytes and paused the server (measured: docs/performance.md § Choices
 * measured in the code).
 * The doorkeeper (doorkeeper.ts) remembers hashes of keys, so its memory is bounded whatever URLs clients send.
 */
export class BodyCache {
  private version = '';
  private readonly seen = new Doorkeeper();
  private readonly lru = new LRUCache<string, Cached>({
    maxSize: CACHE_BYTES,
    // Room for the compressed copies too.
    sizeCalculation: (value, key) => Math.ceil(value.body.length * 1.5) + key.length * 2,
  });

  get(version: string, key: string): Cached | undefined {
    return version === this.version ? this.lru.get(key) : undefined;
  }

  set(version: string, key: string, value: Cached) {
    // A request answered from the previous view, finishing after the swap, must not evict the new one.
    if (this.version !== '' && Number(version) < Number(this.version)) return;
    if (version !== this.version) {
      this.lru.clear();
      this.seen.clear();
      this.version = version;
    }
    if (value.body.length > CACHE_BYTES / 4) return;
    if (!this.seen.admit(key)) return;
    this.lru.set(key, value);
  }
}
