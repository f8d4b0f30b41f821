import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../domain/hash.ts';
import { RawStore } from './raw-store.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('RawStore', () => {
  it('stores bytes once by sha256, read-only, by both paths', async () => {
    dir = mkdtempSync(join(tmpdir(), 'reassess-raw-'));
    const store = new RawStore(dir);
    const a = Buffer.from('first file');
    const b = Buffer.from('second file');
    expect(await store.putAsync(sha256Hex(a), a)).toBe(true);
    expect(await store.putAsync(sha256Hex(a), a)).toBe(false);
    expect(store.put(sha256Hex(b), b)).toBe(true);
    expect(store.put(sha256Hex(b), b)).toBe(false);
    for (const bytes of [a, b]) {
      const path = store.pathOf(sha256Hex(bytes));
      expect(readFileSync(path)).toEqual(bytes);
      expect(store.get(sha256Hex(bytes))).toEqual(bytes);
      expect(statSync(path).mode & 0o777).toBe(0o444);
    }
  });
});
