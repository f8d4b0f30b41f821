/**
 * The CSV inside a zipped stop file (OPP publishes `.csv.zip`), extracted by streaming to a scratch file for
 * DuckDB to read: the central directory is read from the end of the file (ZIP64 sizes and offsets included),
 * the one `.csv` entry is inflated from its local header, and its CRC-32 and size are checked. Nothing is held
 * in memory but a window of the stream.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

async function readAt(file: string, position: number, length: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Finds the central directory: offset and size (ZIP64 aware). */
async function centralDirectory(file: string, fileSize: number): Promise<{ offset: number; size: number }> {
  const tailLen = Math.min(fileSize, 65_557);
  const tail = await readAt(file, fileSize - tailLen, tailLen);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file}: not a zip file (no end of central directory)`);
  let size = tail.readUInt32LE(eocd + 12);
  let offset = tail.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || size === 0xffffffff) {
    const loc = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x06, 0x07]), eocd);
    if (loc < 0) throw new Error(`${file}: ZIP64 archive without its locator`);
    const z64 = await readAt(file, Number(tail.readBigUInt64LE(loc + 8)), 56);
    size = Number(z64.readBigUInt64LE(40));
    offset = Number(z64.readBigUInt64LE(48));
  }
  return { offset, size };
}

/** ZIP64 extra field values replace the 0xFFFFFFFF markers, in order: size, compressed size, offset. */
function applyZip64(extra: Buffer, e: ZipEntry): void {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = () => {
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.localOffset === 0xffffffff) e.localOffset = next();
    }
    p += 4 + len;
  }
}

export async function zipEntries(file: string, fileSize: number): Promise<ZipEntry[]> {
  const cd = await centralDirectory(file, fileSize);
  const buf = await readAt(file, cd.offset, cd.size);
  const out: ZipEntry[] = [];
  for (let p = 0; p + 46 <= buf.length && buf.readUInt32LE(p) === 0x02014b50; ) {
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const e: ZipEntry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      crc: buf.readUInt32LE(p + 16),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    };
    applyZip64(buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), e);
    out.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Extracts the zip's one CSV entry to `target`; returns the entry. */
export async function extractCsvEntry(file: string, fileSize: number, target: string): Promise<ZipEntry> {
  const csvs = (await zipEntries(file, fileSize)).filter(
    (e) => /\.csv$/i.test(e.name) && !e.name.startsWith('__MACOSX'),
  );
  if (csvs.length !== 1)
    throw new Error(
      `${file}: expected one .csv inside the zip, found ${csvs.length} (${csvs.map((e) => e.name).join(', ')})`,
    );
  const e = csvs[0] as ZipEntry;
  if (e.method !== 0 && e.method !== 8)
    throw new Error(`${file}: ${e.name} uses compression method ${e.method}`);
  const local = await readAt(file, e.localOffset, 30);
  if (local.readUInt32LE(0) !== 0x04034b50) throw new Error(`${file}: ${e.name} has no local header`);
  const start = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  let crc = 0;
  let size = 0;
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const source = createReadStream(file, { start, end: start + Math.max(0, e.compressedSize - 1) });
  const sink = createWriteStream(target);
  if (e.method === 8) await pipeline(source, createInflateRaw(), check, sink);
  else await pipeline(source, check, sink);
  if (size !== e.size || crc >>> 0 !== e.crc >>> 0)
    throw new Error(
      `${file}: ${e.name} is damaged (size ${size} of ${e.size}, CRC mismatch: ${crc !== e.crc})`,
    );
  return e;
}
