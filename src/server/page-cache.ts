/**
 * Rendered pages of the current ledger version, kept within a byte budget (least recently used dropped first).
 * Keys are a page's path and its canonical query (web/page-query.ts), so a parameter a page ignores can never make
 * a new entry; a page is kept from the second time it is asked (api/doorkeeper.ts), so one-off queries (a unique
 * search) do not push out the pages people share; only 200 pages are kept (a 404 for any path a client invents is
 * rendered each time). Sizes count a string's characters at two bytes (V8 keeps text with any non-Latin-1
 * character that way), key included.
 */
import { LRUCache } from 'lru-cache';
import { Doorkeeper } from '../api/doorkeeper.ts';

/** The pages' budget (a home page of the full ledger is the largest page; the soak: docs/performance.md). */
export const PAGE_CACHE_BYTES = 64 * 1024 * 1024;

export interface CachedPage {
  status: number;
  html: string;
}

export class PageCache {
  private readonly seen = new Doorkeeper();
  private readonly lru: LRUCache<string, CachedPage>;

  constructor(private readonly maxBytes = PAGE_CACHE_BYTES) {
    this.lru = new LRUCache<string, CachedPage>({
      maxSize: maxBytes,
      sizeCalculation: (page, key) => (page.html.length + key.length) * 2 + 64,
    });
  }

  get(key: string): CachedPage | undefined {
    return this.lru.get(key);
  }

  /** Keeps a 200 page seen before, unless it alone would take over a quarter of the budget. */
  set(key: string, page: CachedPage): void {
    if (page.status !== 200 || (page.html.length + key.length) * 2 > this.maxBytes / 4) return;
    if (this.seen.admit(key)) this.lru.set(key, page);
  }

  clear(): void {
    this.lru.clear();
    this.seen.clear();
  }

  /** Bytes held (as counted above). */
  get bytes(): number {
    return this.lru.calculatedSize;
  }

  get size(): number {
    return this.lru.size;
  }
}
