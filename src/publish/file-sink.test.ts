/** The publish's file writer on its worker thread: order, folders, rewrites, back-pressure and failures. */
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileSink } from './file-sink.ts';

const dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'reassess-sink-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('fileSink', () => {
  it('writes every file, making its folders, by the time close() resolves', async () => {
    const d = scratch();
    const sink = fileSink();
    for (let i = 0; i < 300; i++) sink.write(join(d, 'agency', `a${i}`, 'index.html'), `page ${i}`, false);
    sink.write(join(d, 'bytes.bin'), new Uint8Array([1, 2, 3]), false);
    await sink.close();
    expect(readFileSync(join(d, 'agency', 'a299', 'index.html'), 'utf8')).toBe('page 299');
    expect([...readFileSync(join(d, 'bytes.bin'))]).toEqual([1, 2, 3]);
  });

  it('writes a path sent twice in order, and a rewrite never writes through a link into another file', async () => {
    const d = scratch();
    const old = join(d, 'old.html');
    writeFileSync(old, 'the previous site');
    mkdirSync(join(d, 'new'));
    linkSync(old, join(d, 'new', 'index.html'));
    const sink = fileSink();
    sink.write(join(d, 'new', 'index.html'), 'first', true);
    sink.write(join(d, 'new', 'index.html'), 'second', true);
    await sink.close();
    expect(readFileSync(join(d, 'new', 'index.html'), 'utf8')).toBe('second');
    expect(readFileSync(old, 'utf8')).toBe('the previous site');
  });

  it('says when more than its limit waits, and drain() empties it', async () => {
    const d = scratch();
    const sink = fileSink(1000);
    sink.write(join(d, 'a.txt'), 'x'.repeat(600), false);
    expect(sink.full()).toBe(false);
    sink.write(join(d, 'b.txt'), 'y'.repeat(600), false);
    expect(sink.full()).toBe(true);
    await sink.drain();
    expect(sink.full()).toBe(false);
    expect(readFileSync(join(d, 'b.txt'), 'utf8')).toHaveLength(600);
    await sink.close();
  });

  it('fails close() with the file system’s own error (code and syscall), and writes nothing after it', async () => {
    const d = scratch();
    writeFileSync(join(d, 'file'), 'not a folder');
    const sink = fileSink();
    sink.write(join(d, 'file', 'inside', 'index.html'), 'x', false);
    sink.write(join(d, 'after.html'), 'y', false);
    const err = (await sink.close().catch((e: unknown) => e)) as NodeJS.ErrnoException;
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('ENOTDIR');
    expect(err.syscall).toBe('mkdir');
    expect(() => readFileSync(join(d, 'after.html'))).toThrow();
  });
});
