/**
 * Stop files into the ledger's raw store without holding them in memory: the file is streamed through sha256
 * into a temporary name inside the raw store, then renamed to its sha256 path and made read-only, the layout of
 * RawStore (src/store/raw-store.ts); the same bytes again add nothing. A state patrol's file can be gigabytes,
 * which RawStore.put (a Buffer) cannot take.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RawStore } from '../raw-store.ts';

export interface StoredRaw {
  sha256: string;
  size: number;
  /** Where the bytes are now (the raw store's file). */
  path: string;
  /** False when the raw store had these bytes already. */
  isNew: boolean;
}

/** The sha256 and size of a file, streamed. */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

export async function storeRawFile(raw: RawStore, file: string): Promise<StoredRaw> {
  await mkdir(raw.dir, { recursive: true });
  const tmp = join(raw.dir, `.incoming-${process.pid}-${Date.now().toString(36)}.tmp`);
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(file), tap, createWriteStream(tmp, { mode: 0o444 }));
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw new Error(`${file}: cannot be read into the raw store: ${(e as Error).message}`);
  }
  const sha256 = hash.digest('hex');
  const path = raw.pathOf(sha256);
  if (existsSync(path)) {
    await unlink(tmp);
    return { sha256, size, path, isNew: false };
  }
  await mkdir(dirname(path), { recursive: true });
  await chmod(tmp, 0o444);
  await rename(tmp, path);
  return { sha256, size: (await stat(path)).size, path, isNew: true };
}

/** The first `bytes` bytes of a file (for the header line and the zip signature). */
export async function readHead(file: string, bytes = 65_536): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** A whole small text file (a reviewed mapping file). */
export async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8');
}

/** Removes a scratch file if present. */
export async function removeFile(file: string): Promise<void> {
  await rm(file, { force: true });
}
