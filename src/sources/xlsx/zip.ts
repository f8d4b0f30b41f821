/**
 * A minimal, defensive ZIP reader for OOXML packages (xlsx).
 *
 * Why hand-written: we only need "list entries, inflate a few by name", with hard limits against zip bombs
 * (declared and actual sizes capped, ratio capped, CRC checked) and no streaming machinery. Node's own zlib does
 * the inflating, with `maxOutputLength` as the hard stop. `bench/run.ts` measures this reader + the sheet scanner
 * against SheetJS (@e965/xlsx) on the real pack; the hand-written path is several times faster, which is what
 * makes the full-rebuild target reachable.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { InputError } from '../../domain/errors.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

export interface ZipLimits {
  /** Largest allowed uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Largest allowed sum of uncompressed sizes read from one archive. */
  maxTotalBytes: number;
  /** Largest allowed compression ratio of one entry (zip bombs reach 1000:1 and more). */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 160 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 2_000,
};

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();
  private totalRead = 0;

  constructor(
    private readonly buf: Buffer,
    private readonly file: string,
    private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    this.readDirectory();
  }

  private fail(reason: string): never {
    throw new InputError(this.file, reason);
  }

  private readDirectory(): void {
    const buf = this.buf;
    if (buf.length < 22 || buf.readUInt32LE(0) !== LOC_SIG) {
      this.fail(this.sniff());
    }
    // The end-of-central-directory record sits in the last 22 + 65535 bytes.
    let eocd = -1;
    for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
      if (buf.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) this.fail('not a complete ZIP archive (no end-of-central-directory record: truncated?)');
    const count = buf.readUInt16LE(eocd + 10);
    const cdSize = buf.readUInt32LE(eocd + 12);
    const cdOffset = buf.readUInt32LE(eocd + 16);
    if (count > this.limits.maxEntries)
      this.fail(`ZIP archive has ${count} entries (limit ${this.limits.maxEntries})`);
    if (cdOffset + cdSize > buf.length)
      this.fail('ZIP central directory points past the end of the file (truncated?)');
    let p = cdOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN_SIG) this.fail('corrupt ZIP central directory');
      const method = buf.readUInt16LE(p + 10);
      const crc = buf.readUInt32LE(p + 16);
      const compressedSize = buf.readUInt32LE(p + 20);
      const size = buf.readUInt32LE(p + 24);
      const nameLen = buf.readUInt16LE(p + 28);
      const extraLen = buf.readUInt16LE(p + 30);
      const commentLen = buf.readUInt16LE(p + 32);
      const localOffset = buf.readUInt32LE(p + 42);
      const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
      this.entries.set(name, { name, method, compressedSize, size, crc, localOffset });
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  /** Explains what the bytes are when they are not a ZIP archive (an HTML error page, a legacy .xls...). */
  private sniff(): string {
    const head = this.buf.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
    if (this.buf.length === 0) return 'empty file';
    if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<html'))
      return 'an HTML page, not an Excel workbook';
    if (head.startsWith('<?xml') || head.startsWith('<'))
      return 'an XML/text document, not an Excel workbook';
    if (this.buf.length >= 4 && this.buf.readUInt32LE(0) === 0xe011cfd0)
      return 'a legacy binary Excel (.xls/OLE) file, not an .xlsx workbook';
    if (head.startsWith('%pdf')) return 'a PDF document, not an Excel workbook';
    return 'not an Excel workbook (no ZIP signature)';
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Inflates one entry, enforcing the limits; returns undefined when the entry does not exist. */
  read(name: string): Buffer | undefined {
    const e = this.entries.get(name);
    if (!e) return undefined;
    const { limits, buf } = this;
    if (e.size > limits.maxEntryBytes)
      this.fail(`ZIP entry ${name} declares ${e.size} bytes uncompressed (limit ${limits.maxEntryBytes})`);
    if (e.compressedSize > 0 && e.size / e.compressedSize > limits.maxRatio)
      this.fail(
        `ZIP entry ${name} has a compression ratio of ${Math.round(e.size / e.compressedSize)}:1 (zip bomb?)`,
      );
    if (this.totalRead + e.size > limits.maxTotalBytes)
      this.fail(`ZIP archive expands past ${limits.maxTotalBytes} bytes (zip bomb?)`);
    const p = e.localOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOC_SIG)
      this.fail(`corrupt ZIP local header for ${name}`);
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const end = start + e.compressedSize;
    if (end > buf.length) this.fail(`ZIP entry ${name} is cut short (truncated file)`);
    const raw = buf.subarray(start, end);
    let out: Buffer;
    if (e.method === 0) out = Buffer.from(raw);
    else if (e.method === 8) {
      try {
        // maxOutputLength is the hard stop even when the declared size lies. One output chunk of the declared size
        // (up to 8 MiB) instead of 16 KiB ones joined at the end: inflating the pack's sheets takes ~0.65 of the
        // time (bench/run.ts, whose baseline reads through here too).
        out = inflateRawSync(raw, {
          maxOutputLength: Math.max(e.size, 1),
          chunkSize: Math.min(Math.max(e.size, 64), 8 * 1024 * 1024),
        });
      } catch (err) {
        const msg = (err as Error).message;
        if (/maxOutputLength|Cannot create a Buffer larger|buffer/i.test(msg))
          this.fail(`ZIP entry ${name} inflates past its declared size (zip bomb?)`);
        this.fail(`ZIP entry ${name} cannot be decompressed (${msg})`);
      }
    } else this.fail(`ZIP entry ${name} uses unsupported compression method ${e.method}`);
    if (out.length !== e.size)
      this.fail(`ZIP entry ${name} has ${out.length} bytes, declared ${e.size} (corrupt)`);
    if (crc32(out) !== e.crc) this.fail(`ZIP entry ${name} fails its CRC check (corrupt)`);
    this.totalRead += out.length;
    return out;
  }
}
