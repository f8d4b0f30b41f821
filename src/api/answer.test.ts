import { describe, expect, it } from 'vitest';
import { addHeaders, cachedAnswer } from './answer.ts';
import { BodyCache } from './body-cache.ts';
import { strongEtag } from './etag.ts';

const entry = (body: string) => ({ body, etag: strongEtag(body) });

describe('BodyCache', () => {
  it('keeps a body from the second time its key is stored (doorkeeper), per ledger version', () => {
    const cache = new BodyCache();
    cache.set('1', '/a', entry('{"a":1}'));
    expect(cache.get('1', '/a')).toBeUndefined();
    cache.set('1', '/a', entry('{"a":1}'));
    expect(cache.get('1', '/a')?.body).toBe('{"a":1}');
    // A new ledger version forgets bodies and keys alike.
    cache.set('2', '/a', entry('{"a":2}'));
    expect(cache.get('2', '/a')).toBeUndefined();
    expect(cache.get('1', '/a')).toBeUndefined();
    cache.set('2', '/a', entry('{"a":2}'));
    expect(cache.get('2', '/a')?.body).toBe('{"a":2}');
    // An answer from an older view, finishing late, does not displace the new one.
    cache.set('1', '/a', entry('{"a":1}'));
    cache.set('1', '/a', entry('{"a":1}'));
    expect(cache.get('2', '/a')?.body).toBe('{"a":2}');
  });
});

describe('answers', () => {
  it('builds headers by assignment, in order, later ones winning', () => {
    expect(Object.entries(addHeaders({ A: '1' }, { B: '2' }, { A: '3', C: '4' }))).toEqual([
      ['A', '3'],
      ['B', '2'],
      ['C', '4'],
    ]);
  });

  it('answers 304 on a matching If-None-Match, else the body, compressed when accepted and worth it', () => {
    const big = entry(JSON.stringify({ data: 'x'.repeat(2000) }));
    const rl = { 'RateLimit-Remaining': '5' };
    expect(cachedAnswer(big, rl, undefined, big.etag)).toMatchObject({ status: 304, body: null });
    const plain = cachedAnswer(big, rl, undefined, undefined);
    expect(plain).toMatchObject({ status: 200, body: big.body });
    expect(plain.headers).toMatchObject({
      ETag: big.etag,
      'RateLimit-Remaining': '5',
      Vary: 'Accept-Encoding',
    });
    const br = cachedAnswer(big, rl, 'gzip, br', undefined);
    expect(br.headers['Content-Encoding']).toBe('br');
    expect(br.headers.ETag).toBe(`${big.etag.slice(0, -1)}-br"`);
    const small = entry('{}');
    expect(cachedAnswer(small, {}, 'br', undefined).headers['Content-Encoding']).toBeUndefined();
  });
});
