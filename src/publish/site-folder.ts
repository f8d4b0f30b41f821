/**
 * Where `reassess publish` writes, and how: the whole site is written into a new folder beside the output folder,
 * then swapped in by two renames (the old site moved aside, the new one moved in, the old one deleted). A reader
 * of the output folder sees the old site or the new one, each whole (between the two renames, for an instant, no
 * folder at all); a page that no longer exists is gone with the old site; a publish that fails removes its own
 * folder and leaves the previous site as it was.
 *
 * A republish over a site that has a manifest (site-manifest.ts) is done in place instead (`updateInPlace`): the
 * files whose bytes changed are written into a new folder beside it first, then moved into the site one by one
 * (renames on one device), the files the new site no longer has are deleted, and the manifest is written last. A
 * publish that fails before the moves leaves the site as it was (but for stored files, named by their sha256, that
 * no page links yet); a reader sees each file old or new, never half written. Writing the whole site anew and
 * deleting the old one cost ~10 s of file-system calls for ~14,000 files and ~10,000 folders on the bench host.
 *
 * Refused, in one line, before anything is written: the ledger's data folder itself, any folder inside it (the
 * raw store lives there), any folder that holds it, a file, and a folder that is not empty and is not a site
 * published before (replacing it would delete files reassess did not write).
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ReassessError, UsageError } from '../domain/errors.ts';

/** Files every published site has: a folder holding them all was written by `reassess publish`. */
const SITE_FILES = ['index.html', '404.html', 'api/v1/openapi.json', 'downloads/datapackage.json'];

/** A path with symbolic links resolved, for the part of it that exists. */
function real(p: string): string {
  const abs = resolve(p);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : join(real(parent), basename(abs));
}

const within = (inner: string, outer: string) =>
  inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);

/** Why `out` cannot take a published site (one line), or null when it can. */
export function refusal(out: string, dataDir: string | undefined): string | null {
  const target = real(out);
  if (dataDir) {
    const data = real(dataDir);
    if (target === data) return `${out} is the ledger's data folder (it holds the raw store)`;
    if (within(target, data))
      return `${out} is inside the ledger's data folder ${data} (it holds the raw store)`;
    if (within(data, target)) return `${out} holds the ledger's data folder ${data}`;
  }
  let existing = target;
  while (!existsSync(existing)) existing = dirname(existing);
  if (!statSync(existing).isDirectory())
    return existing === target
      ? `${out} is a file, not a folder`
      : `${existing} (in ${out}) is a file, not a folder`;
  if (existing !== target) return null;
  if (readdirSync(target).length > 0 && !SITE_FILES.every((f) => existsSync(join(target, f))))
    return `${out} is not empty and holds no site published by reassess (publishing would delete its files); choose a new or empty folder`;
  return null;
}

/** A file-system failure as one line naming the folder (no stack trace). */
function writeFailure(out: string, e: unknown): ReassessError {
  const err = e as NodeJS.ErrnoException;
  const what: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is a file',
    EXDEV: 'the folder is on another device than its parent',
  };
  return new ReassessError(
    `cannot publish to ${out}: ${(err.code && what[err.code]) ?? err.message ?? String(e)}${err.code ? ` (${err.code})` : ''}`,
  );
}

/** Removes folders left beside `out` by publishes that were killed (their process is gone). */
function removeLeftovers(parent: string, name: string): void {
  const pattern = new RegExp(
    `^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:publishing|old)-(\\d+)-`,
  );
  for (const f of readdirSync(parent)) {
    const pid = Number(pattern.exec(f)?.[1]);
    if (!pid || pid === process.pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (e) {
      alive = (e as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) rmSync(join(parent, f), { recursive: true, force: true });
  }
}

/**
 * The site folder `out` (refused as `refusal` says: UsageError), its real path, the folder it is in, its name, and
 * a tag unique to this run for the side folders made beside it.
 */
function beside(out: string, dataDir: string | undefined) {
  const why = refusal(out, dataDir);
  if (why) throw new UsageError(`refusing to publish: ${why}`);
  const target = real(out);
  return {
    target,
    parent: dirname(target),
    name: basename(target),
    tag: `${process.pid}-${Date.now().toString(36)}`,
  };
}

/**
 * Runs `write` on a new folder beside `out` and swaps it in when it succeeds; refuses `out` as `refusal` says
 * (UsageError). Whatever `write` throws is thrown again after its folder is removed.
 */
export async function publishInto<T>(
  out: string,
  dataDir: string | undefined,
  write: (folder: string) => Promise<T>,
): Promise<T> {
  const { target, parent, name, tag } = beside(out, dataDir);
  const fresh = join(parent, `.${name}.publishing-${tag}`);
  const old = join(parent, `.${name}.old-${tag}`);
  try {
    mkdirSync(parent, { recursive: true });
    removeLeftovers(parent, name);
    mkdirSync(fresh);
  } catch (e) {
    throw writeFailure(out, e);
  }
  let result: T;
  try {
    result = await write(fresh);
  } catch (e) {
    rmSync(fresh, { recursive: true, force: true });
    throw (e as NodeJS.ErrnoException).syscall ? writeFailure(out, e) : e;
  }
  try {
    const had = existsSync(target);
    if (had) renameSync(target, old);
    try {
      renameSync(fresh, target);
    } catch (e) {
      if (had) renameSync(old, target);
      throw e;
    }
    if (had) rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(fresh, { recursive: true, force: true });
    throw writeFailure(out, e);
  }
  return result;
}

/** What a republish in place wrote: the files written into the new folder, and every file of the new site. */
export interface Staged {
  written: readonly string[];
  files: ReadonlySet<string>;
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** Moves the staged files into `target`, then deletes the files it holds that the new site does not have. */
function applyStaged(staging: string, target: string, staged: Staged): void {
  const previous = filesUnder(target);
  const made = new Set<string>();
  for (const rel of staged.written) {
    const to = join(target, rel);
    const dir = dirname(to);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    renameSync(join(staging, rel), to);
  }
  const emptied = new Set<string>();
  for (const rel of previous)
    if (!staged.files.has(rel)) {
      rmSync(join(target, rel), { force: true });
      emptied.add(dirname(join(target, rel)));
    }
  for (let dir of emptied)
    while (dir.startsWith(target + sep))
      try {
        rmdirSync(dir);
        dir = dirname(dir);
      } catch {
        break;
      }
}

/**
 * Republishes the site at `out` in place: `write` gets a new folder beside it to write the changed files into and
 * says which it wrote and what the whole site holds; they are moved in, the files no longer in it deleted (whoever
 * put them there), and `finish` (the manifest) runs last. A failure in `write` leaves `out` as it was.
 */
export async function updateInPlace<T extends { staged: Staged }>(
  out: string,
  dataDir: string | undefined,
  write: (staging: string) => Promise<T>,
  finish: (result: T) => void,
): Promise<T> {
  const { target, parent, name, tag } = beside(out, dataDir);
  const staging = join(parent, `.${name}.publishing-${tag}`);
  try {
    removeLeftovers(parent, name);
    mkdirSync(staging);
  } catch (e) {
    throw writeFailure(out, e);
  }
  try {
    const result = await write(staging);
    applyStaged(staging, target, result.staged);
    finish(result);
    return result;
  } catch (e) {
    throw (e as NodeJS.ErrnoException).syscall ? writeFailure(out, e) : e;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
