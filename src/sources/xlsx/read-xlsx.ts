/**
 * Reads the first worksheet of an .xlsx workbook into rows of typed cells, with hyperlink targets, hidden-row
 * flags and the package's document properties. Generic: knows nothing about ICE. See zip.ts for why this is
 * hand-written (speed, measured in bench/) and how it stays safe on hostile input.
 */
import { InputError } from '../../domain/errors.ts';
import { assertNoDtd, attr, decodeXml, textRuns } from './xml.ts';
import { DEFAULT_ZIP_LIMITS, ZipArchive, type ZipLimits } from './zip.ts';

export type CellType = 's' | 'n' | 'b' | 'e' | 'str' | 'inlineStr' | 'd';

export interface XlsxCell {
  /** 0-based column index (A = 0). */
  col: number;
  type: CellType;
  /** The cell's value as stored: the shared string's text, the number as written, the error code (`#N/A`). */
  value: string;
  /** Hyperlink target attached to this cell, exactly as stored in the sheet's relationships. */
  link?: string;
}

export interface XlsxRow {
  /** 1-based row number as in Excel. */
  r: number;
  hidden: boolean;
  cells: XlsxCell[];
}

export interface XlsxDocProps {
  creator: string | null;
  lastModifiedBy: string | null;
  created: string | null;
  modified: string | null;
  application: string | null;
}

export interface XlsxWorkbook {
  sheetNames: string[];
  /** Name of the first worksheet, the only one read. */
  sheetName: string;
  rows: XlsxRow[];
  props: XlsxDocProps;
  filterMode: boolean;
}

export interface ReadLimits extends ZipLimits {
  maxRows: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { ...DEFAULT_ZIP_LIMITS, maxRows: 100_000 };

function text(zip: ZipArchive, name: string, file: string): string | undefined {
  const buf = zip.read(name);
  if (!buf) return undefined;
  const s = buf.toString('utf8');
  assertNoDtd(s, file, name);
  return s;
}

function element(xml: string, tag: string): string | null {
  const open = xml.indexOf(`<${tag}`);
  if (open < 0) return null;
  const gt = xml.indexOf('>', open);
  if (xml.charCodeAt(gt - 1) === 47) return '';
  const close = xml.indexOf(`</${tag}>`, gt);
  if (close < 0) return null;
  return decodeXml(xml.slice(gt + 1, close));
}

function readProps(zip: ZipArchive, file: string): XlsxDocProps {
  const core = text(zip, 'docProps/core.xml', file) ?? '';
  const app = text(zip, 'docProps/app.xml', file) ?? '';
  const v = (s: string | null) => (s === null || s === '' ? null : s);
  return {
    creator: v(element(core, 'dc:creator')),
    lastModifiedBy: v(element(core, 'cp:lastModifiedBy')),
    created: v(element(core, 'dcterms:created')),
    modified: v(element(core, 'dcterms:modified')),
    application: v(element(app, 'Application')),
  };
}

/** Relationship id → target, from a .rels part. */
function readRels(xml: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!xml) return out;
  let p = 0;
  for (;;) {
    const i = xml.indexOf('<Relationship ', p);
    if (i < 0) break;
    const end = xml.indexOf('>', i);
    if (end < 0) break; // unclosed tag: stop rather than rescan from the start
    const tag = xml.slice(i, end + 1);
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    if (id && target !== undefined) out.set(id, target);
    p = end + 1;
  }
  return out;
}

function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/');
  parts.pop();
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/**
 * True when the element body between from and until ends inside a tag (a `<` after the last `>`): malformed XML
 * on which textRuns() would never finish. Valid bodies always end with a closing tag's `>`.
 */
function unclosedTag(xml: string, from: number, until: number): boolean {
  const lt = xml.lastIndexOf('<', until - 1);
  return lt > from && lt > xml.lastIndexOf('>', until - 1);
}

function readSharedStrings(xml: string | undefined, file: string): string[] {
  const out: string[] = [];
  if (!xml) return out;
  let p = 0;
  for (;;) {
    const i = xml.indexOf('<si', p);
    if (i < 0) break;
    const gt = xml.indexOf('>', i);
    if (gt < 0) break;
    if (xml.charCodeAt(gt - 1) === 47) {
      out.push('');
      p = gt + 1;
      continue;
    }
    const end = xml.indexOf('</si>', gt);
    if (end < 0 || unclosedTag(xml, gt, end))
      throw new InputError(
        file,
        `xl/sharedStrings.xml is malformed at string ${out.length} (unclosed element)`,
      );
    out.push(textRuns(xml, gt, end));
    p = end + 5;
  }
  return out;
}

/** `AB12` → column index 27; returns -1 when the reference has no letters. */
export function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : n - 1;
}

function splitRef(ref: string): { col: number; row: number } {
  const col = columnIndex(ref);
  const digits = ref.replace(/^[A-Za-z$]+/, '').replace('$', '');
  return { col, row: Number.parseInt(digits, 10) };
}

/** A cell's key in the hyperlink map: numbers, so that looking a cell up builds no string. */
const cellKey = (row: number, col: number) => row * 16_384 + col;

/** Cell (cellKey of `G12`) → hyperlink target, expanding ranges like `G2:G5`. */
function readHyperlinks(sheet: string, rels: Map<string, string>): Map<number, string> {
  const out = new Map<number, string>();
  const start = sheet.lastIndexOf('<hyperlinks');
  if (start < 0) return out;
  const end = sheet.indexOf('</hyperlinks>', start);
  // Slice the section so the scan below never runs over the (much larger) sheet data.
  const section = sheet.slice(start, end < 0 ? sheet.length : end);
  for (const m of section.matchAll(/<hyperlink\s[^>]*>/g)) {
    const tag = m[0];
    const ref = attr(tag, 'ref');
    if (!ref) continue;
    const rid = attr(tag, 'r:id');
    const location = rid ? undefined : attr(tag, 'location');
    const target = rid ? rels.get(rid) : location !== undefined ? `#${location}` : undefined;
    if (target === undefined) continue;
    // Nearly always one plain cell (`G12`), read without making strings.
    if (plainRef(ref, 0, ref.length)) {
      if (plain.col < 16_384 && plain.row >= 1) out.set(cellKey(plain.row, plain.col), target);
      continue;
    }
    const [a, b] = ref.toUpperCase().split(':');
    if (!a) continue;
    const from = splitRef(a);
    const to = b ? splitRef(b) : from;
    if (!(from.col >= 0 && from.col < 16_384 && to.col < 16_384 && from.row >= 1)) continue;
    const cells = (to.row - from.row + 1) * (to.col - from.col + 1);
    if (!(cells > 0 && cells <= 100_000)) continue;
    for (let r = from.row; r <= to.row; r++)
      for (let c = from.col; c <= to.col; c++) out.set(cellKey(r, c), target);
  }
  return out;
}

export function columnLetters(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * What scanCellTag() found in a `<c ...>` tag (one object, reused: a worksheet has millions of cells). The `r`
 * attribute is kept as its place in the XML (`refFrom`..`refTo`, -1 when absent): a plain reference like `G12` is
 * read from there as numbers (`plainRef`), and only other ones are made into a string.
 */
const cellTag = { refFrom: -1, refTo: -1, type: undefined as string | undefined };

/**
 * The `r` and `t` attributes of the cell tag between `from` (after `<c`) and `to` (its `>`), in one pass over the
 * tag, without slicing it or building search strings; the same values attr() gives on the tag.
 */
function scanCellTag(xml: string, from: number, to: number): void {
  cellTag.refFrom = -1;
  cellTag.refTo = -1;
  cellTag.type = undefined;
  let i = from;
  while (i < to) {
    const ch = xml.charCodeAt(i);
    if (ch !== 32) {
      i++;
      continue;
    }
    // An attribute begins after a space: ` r="…"`, ` t='…'` (others are skipped).
    const name = xml.charCodeAt(i + 1);
    const eq = xml.charCodeAt(i + 2);
    const q = xml.charCodeAt(i + 3);
    if ((name === 114 || name === 116) && eq === 61 && (q === 34 || q === 39)) {
      const end = xml.indexOf(q === 34 ? '"' : "'", i + 4);
      if (end < 0 || end >= to) return;
      if (name === 114) {
        if (cellTag.refFrom < 0) {
          cellTag.refFrom = i + 4;
          cellTag.refTo = end;
        }
      } else if (cellTag.type === undefined) cellTag.type = decodeXml(xml.slice(i + 4, end));
      i = end + 1;
      continue;
    }
    i++;
  }
}

/** What plainRef() read: the 0-based column and the row of a reference like `G12`. */
const plain = { col: 0, row: 0 };

/**
 * Reads a reference of 1–3 capital letters and 1–9 digits between from and to into `plain` (what columnIndex()
 * and refRow() give for it) without making a string; false for any other text, which is then read as a string.
 */
function plainRef(xml: string, from: number, to: number): boolean {
  let i = from;
  let col = 0;
  for (; i < to && i - from < 4; i++) {
    const c = xml.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  const letters = i - from;
  if (letters === 0 || letters > 3 || to - i === 0 || to - i > 9) return false;
  let row = 0;
  for (; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    row = row * 10 + (c - 48);
  }
  plain.col = col - 1;
  plain.row = row;
  return true;
}

/** The cell reference as text, for error messages: a plain one is its own text (it holds no entities). */
function refText(xml: string, ref: string | undefined): string | undefined {
  return ref ?? (cellTag.refFrom >= 0 ? xml.slice(cellTag.refFrom, cellTag.refTo) : undefined);
}

/** A shared string's index written as 1–9 digits between from and to, else -1 (then read as text). */
function digitsAt(xml: string, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** The row number in a cell reference (`G12` → 12), or NaN. */
function refRow(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) > 57) i++;
  return Number.parseInt(ref.slice(i), 10);
}

function readRows(
  sheet: string,
  shared: string[],
  links: Map<number, string>,
  file: string,
  maxRows: number,
) {
  const rows: XlsxRow[] = [];
  const dataStart = sheet.indexOf('<sheetData');
  if (dataStart < 0) return rows;
  const dataEnd = sheet.indexOf('</sheetData>', dataStart);
  const stop = dataEnd < 0 ? sheet.length : dataEnd;
  let p = dataStart;
  let nextRow = 1;
  for (;;) {
    const i = sheet.indexOf('<row', p);
    if (i < 0 || i >= stop) break;
    const gt = sheet.indexOf('>', i);
    if (gt < 0) throw new InputError(file, `worksheet XML is cut short after row ${nextRow - 1} (corrupt)`);
    const tag = sheet.slice(i, gt + 1);
    const rAttr = attr(tag, 'r');
    const r = rAttr ? Number.parseInt(rAttr, 10) : nextRow;
    nextRow = r + 1;
    const hidden = attr(tag, 'hidden');
    const row: XlsxRow = { r, hidden: hidden === '1' || hidden === 'true', cells: [] };
    if (sheet.charCodeAt(gt - 1) === 47) {
      p = gt + 1;
      continue; // `<row .../>`: a formatted row without cells
    }
    const rowEnd = sheet.indexOf('</row>', gt);
    if (rowEnd < 0) throw new InputError(file, `worksheet XML is cut short in row ${r} (corrupt)`);
    let q = gt + 1;
    let nextCol = 0;
    for (;;) {
      const c = sheet.indexOf('<c', q);
      if (c < 0 || c >= rowEnd) break;
      const cgt = sheet.indexOf('>', c);
      if (cgt < 0 || cgt > rowEnd)
        throw new InputError(file, `a cell tag in row ${r} is not closed (corrupt worksheet XML)`, r);
      scanCellTag(sheet, c + 2, cgt);
      // The cell's column, and its row for hyperlinks (the row's own number when the reference has none).
      let ref: string | undefined;
      let col: number;
      let at: number;
      if (cellTag.refFrom >= 0 && plainRef(sheet, cellTag.refFrom, cellTag.refTo)) {
        col = plain.col;
        at = plain.row;
      } else {
        ref = cellTag.refFrom >= 0 ? decodeXml(sheet.slice(cellTag.refFrom, cellTag.refTo)) : undefined;
        col = ref ? columnIndex(ref) : nextCol;
        at = ref ? refRow(ref) : r;
        if (Number.isNaN(at)) at = r;
      }
      nextCol = col + 1;
      if (sheet.charCodeAt(cgt - 1) === 47) {
        q = cgt + 1;
        continue; // `<c r=".." s=".."/>`: formatted but empty
      }
      const cend = sheet.indexOf('</c>', cgt);
      const t = (cellTag.type ?? 'n') as CellType;
      let value: string | null = null;
      // A shared string's index, when read straight off the XML (digits only: what decodeXml and parseInt give).
      let index = -1;
      // The common cell, `<c …><v>…</v></c>`, cannot end inside a tag: only other bodies are checked for that.
      const vOnly =
        cend > cgt && sheet.startsWith('<v>', cgt + 1) && sheet.indexOf('</v>', cgt + 4) === cend - 4;
      if (cend < 0 || cend > rowEnd || (!vOnly && unclosedTag(sheet, cgt, cend)))
        throw new InputError(
          file,
          `cell ${refText(sheet, ref) ?? columnLetters(col)} is not closed (corrupt worksheet XML)`,
          r,
        );
      if (t === 'inlineStr') value = textRuns(sheet, cgt, cend);
      else if (vOnly) {
        if (t === 's') index = digitsAt(sheet, cgt + 4, cend - 4);
        if (index < 0) value = decodeXml(sheet.slice(cgt + 4, cend - 4));
      } else {
        // Searched in the cell's own body: a search of the whole sheet from here made every value-less cell
        // (`<c><f>A1</f></c>`) scan ahead to the next value, quadratic in such cells (issue 13).
        const body = sheet.slice(cgt, cend);
        const v = body.indexOf('<v');
        if (v >= 0) {
          const vgt = body.indexOf('>', v);
          if (body.charCodeAt(vgt - 1) !== 47) {
            const vend = body.indexOf('</v>', vgt);
            value = decodeXml(body.slice(vgt + 1, vend < 0 ? body.length : vend));
          } else value = '';
        }
      }
      if (t === 's' && (index >= 0 || value !== null)) {
        const s = shared[index >= 0 ? index : Number.parseInt(value as string, 10)];
        if (s === undefined)
          throw new InputError(
            file,
            `cell ${refText(sheet, ref) ?? ''} points at a missing shared string`,
            r,
          );
        value = s;
      }
      q = cend + 4;
      if (value === null) continue;
      const cell: XlsxCell = { col, type: t, value };
      if (links.size > 0) {
        const link = links.get(cellKey(at, col));
        if (link !== undefined) cell.link = link;
      }
      row.cells.push(cell);
    }
    // Rows with hyperlinks but no values still carry their links on value-less cells: attach them.
    p = rowEnd + 6;
    if (row.cells.length > 0) {
      if (rows.length >= maxRows)
        throw new InputError(file, `worksheet has more than ${maxRows} rows (limit); refusing to read it`);
      rows.push(row);
    }
  }
  return rows;
}

/** Reads the first worksheet. Throws InputError (file + reason) for anything that is not a readable workbook. */
export function readXlsx(buf: Buffer, file: string, limits: ReadLimits = DEFAULT_READ_LIMITS): XlsxWorkbook {
  const zip = new ZipArchive(buf, file, limits);
  const wb = text(zip, 'xl/workbook.xml', file);
  if (wb === undefined)
    throw new InputError(file, 'a ZIP archive but not an Excel workbook (no xl/workbook.xml)');
  const wbRels = readRels(text(zip, 'xl/_rels/workbook.xml.rels', file));
  const sheets: { name: string; rid: string }[] = [];
  let p = 0;
  for (;;) {
    const i = wb.indexOf('<sheet ', p);
    if (i < 0) break;
    const gt = wb.indexOf('>', i);
    if (gt < 0) break;
    const tag = wb.slice(i, gt + 1);
    sheets.push({ name: attr(tag, 'name') ?? '', rid: attr(tag, 'r:id') ?? '' });
    p = gt + 1;
  }
  const first = sheets[0];
  if (!first) throw new InputError(file, 'workbook has no worksheets');
  const target = wbRels.get(first.rid);
  if (!target)
    throw new InputError(file, `first worksheet "${first.name}" has no part in the package (corrupt)`);
  const sheetPath = resolvePart('xl/workbook.xml', target);
  const sheet = text(zip, sheetPath, file);
  if (sheet === undefined) throw new InputError(file, `worksheet part ${sheetPath} is missing (corrupt)`);
  const sstTarget = [...wbRels.values()].find((t) => /sharedStrings\.xml$/i.test(t));
  const shared = readSharedStrings(
    sstTarget ? text(zip, resolvePart('xl/workbook.xml', sstTarget), file) : undefined,
    file,
  );
  const relsPath = sheetPath.replace(/([^/]+)$/, '_rels/$1.rels');
  const links = readHyperlinks(sheet, readRels(text(zip, relsPath, file)));
  const rows = readRows(sheet, shared, links, file, limits.maxRows);
  // `<sheetPr>` comes before the sheet data: searching the whole sheet for a missing one would read it all again.
  const sheetPr = sheet.slice(0, Math.max(0, sheet.indexOf('<sheetData'))).indexOf('<sheetPr');
  const filterMode =
    sheetPr >= 0 && attr(sheet.slice(sheetPr, sheet.indexOf('>', sheetPr) + 1), 'filterMode') === '1';
  return {
    sheetNames: sheets.map((s) => s.name),
    sheetName: first.name,
    rows,
    props: readProps(zip, file),
    filterMode,
  };
}
