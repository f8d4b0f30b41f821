/**
 * Raw bytes, stored once per sha256 under <home>/raw/ab/abcdef…, written to a temporary name and renamed,
 * then made read-only. Never changed, never deleted. Seeing the same bytes again adds a fetch, not a file, and
 * repairs the stored copy when it no longer matches its sha256 (a disk fault, a hand edit): `check` says which.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class RawStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /**
   * A stored file against its name: `ok`, `missing`, or `damaged` with the sha256 of what is there now. Bytes
   * already read (putAsync) are passed in.
   */
  check(sha256: string, stored?: Buffer): { state: 'ok' | 'missing' | 'damaged'; found: string | null } {
    let bytes = stored;
    if (!bytes) {
      if (!existsSync(this.pathOf(sha256))) return { state: 'missing', found: null };
      bytes = readFileSync(this.pathOf(sha256));
    }
    const found = createHash('sha256').update(bytes).digest('hex');
    return { state: found === sha256 ? 'ok' : 'damaged', found };
  }

  /** Stores the bytes unless present and intact (a damaged copy is replaced); returns true when they were new. */
  put(sha256: string, bytes: Buffer): boolean {
    const path = this.pathOf(sha256);
    if (existsSync(path)) {
      if (this.check(sha256).state !== 'damaged') return false;
      this.replace(sha256, bytes);
      return false;
    }
    mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    chmodSync(tmp, 0o444);
    renameSync(tmp, path);
    return true;
  }

  /**
   * Like put, off the main thread (libuv's pool): ingest writes raw files while it talks to the database. The file
   * is created read-only (no chmod after), and each folder is made once per store (a rebuild writes 354 files into
   * 256 folders): three file-system calls per file instead of five.
   */
  async putAsync(sha256: string, bytes: Uint8Array): Promise<boolean> {
    const path = this.pathOf(sha256);
    if (existsSync(path)) {
      if (this.check(sha256, await readFile(path)).state === 'damaged')
        this.replace(sha256, Buffer.from(bytes));
      return false;
    }
    const folder = join(this.dir, sha256.slice(0, 2));
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o444 });
    await rename(tmp, path);
    return true;
  }

  /** Folders known to exist (made by putAsync). */
  private readonly folders = new Set<string>();

  /** Writes bytes over a damaged copy (a new file renamed over it: the old one is never written into). */
  replace(sha256: string, bytes: Buffer): void {
    if (createHash('sha256').update(bytes).digest('hex') !== sha256)
      throw new Error(`raw store: bytes do not match ${sha256}; not stored`);
    const path = this.pathOf(sha256);
    mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    const tmp = `${path}.${process.pid}.repair.tmp`;
    writeFileSync(tmp, bytes, { mode: 0o444 });
    renameSync(tmp, path);
  }

  get(sha256: string): Buffer {
    return readFileSync(this.pathOf(sha256));
  }

  /** The sha256 of every stored file, sorted. */
  list(): string[] {
    if (!existsSync(this.dir)) return [];
    const out: string[] = [];
    for (const folder of readdirSync(this.dir).sort())
      if (/^[0-9a-f]{2}$/.test(folder))
        for (const f of readdirSync(join(this.dir, folder)).sort()) if (/^[0-9a-f]{64}$/.test(f)) out.push(f);
    return out;
  }
}
