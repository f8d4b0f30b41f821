/**
 * Raw bytes, stored once per sha256 under <home>/raw/ab/abcdef…, written to a temporary name and renamed,
 * then made read-only. Never changed, never deleted. Seeing the same bytes again adds a fetch, not a file.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class RawStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** Stores the bytes unless present; returns true when they were new. */
  put(sha256: string, bytes: Buffer): boolean {
    const path = this.pathOf(sha256);
    if (existsSync(path)) return false;
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
    if (existsSync(path)) return false;
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
