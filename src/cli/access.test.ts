import { describe, expect, it } from 'vitest';
import { readsOnly } from './access.ts';

describe('readsOnly', () => {
  it('lets the query commands through and keeps every writer out', () => {
    for (const c of ['summary', 'agreements', 'changes', 'export', 'publish', 'counties', 'audit'])
      expect(readsOnly(c, [], {}), c).toBe(true);
    for (const c of ['ingest', 'sync', 'backfill', 'start', 'serve', 'recover', 'unknown'])
      expect(readsOnly(c, [], {}), c).toBe(false);
  });

  it('decides by subcommand and flag where one command does both', () => {
    expect(readsOnly('documents', [], {})).toBe(true);
    expect(readsOnly('documents', ['search', 'warrant'], {})).toBe(true);
    expect(readsOnly('documents', ['ocr'], {})).toBe(false);
    expect(readsOnly('stops', ['list'], {})).toBe(true);
    expect(readsOnly('stops', ['rates', 'x'], {})).toBe(false);
    expect(readsOnly('stops', ['ingest', 'f.csv'], {})).toBe(false);
    expect(readsOnly('users', ['list'], {})).toBe(true);
    expect(readsOnly('users', ['add', 'alice'], {})).toBe(false);
    expect(readsOnly('evidence', ['export'], {})).toBe(true);
    expect(readsOnly('evidence', ['import'], {})).toBe(false);
    expect(readsOnly('verify', [], {})).toBe(true);
    expect(readsOnly('verify', [], { refetch: true })).toBe(false);
  });
});
