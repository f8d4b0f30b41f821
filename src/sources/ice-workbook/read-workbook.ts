/**
 * Reads one ICE 287(g) workbook (or a pre-2025 html-era table) into a ParsedPublication: header by name, list
 * kind by content, first worksheet only, hidden rows kept and flagged, blank rows skipped, every cell kept raw.
 */
import { hash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { InputError } from '../../domain/errors.ts';
import type { ParsedPublication, Problem, RawCell, RawRow, SourceKind } from '../../domain/types.ts';
import { type ReadLimits, readXlsx, type XlsxCell, type XlsxWorkbook } from '../xlsx/read-xlsx.ts';
import { eraOf, findHeader, type HeaderMatch, kindOf } from './header.ts';
import { labelDate, newYorkDate } from './label.ts';

const BLANK = /^[\s\u00a0\u200b]*$/;

export interface ReadOptions {
  /** Name to report in problems and errors (path or URL). */
  file: string;
  /** ICE's file name when known (e.g. from the download URL); defaults to the file's own name. */
  label?: string | null;
  sha256?: string;
  limits?: ReadLimits;
}

/** Third-party tools whose rewrites of ICE's lists circulate under ICE's file names (see MANIFEST quirk 14). */
const THIRD_PARTY = /openpyxl|onlyoffice|wijmo|libreoffice|google/i;

/**
 * `participating-html-2021-03-31.xlsx` or `ParticipatingEntities-20210331025642.xlsx` → capture instant; null when
 * the name holds no such date, or one that is not a real instant (`20219999999999`).
 */
export function captureInstant(name: string): string | null {
  const ts = /(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?!\d)/.exec(name);
  const d = ts ? null : /(\d{4})-(\d{2})-(\d{2})/.exec(name);
  const iso = ts
    ? `${ts[1]}-${ts[2]}-${ts[3]}T${ts[4]}:${ts[5]}:${ts[6]}Z`
    : d
      ? `${d[1]}-${d[2]}-${d[3]}T12:00:00Z`
      : null;
  // Date.parse rolls some impossible dates over (`02-31`): the instant must read back as written.
  if (!iso || Number.isNaN(Date.parse(iso))) return null;
  return new Date(iso).toISOString().replace('.000Z', 'Z') === iso ? iso : null;
}

function isHtmlEra(wb: XlsxWorkbook, known: Set<string>): boolean {
  const thirdParty = THIRD_PARTY.test(wb.props.creator ?? '') || wb.sheetName === '287(g) Agreements';
  return thirdParty && known.has('SIGNED') && !known.has('TYPE');
}

import { sha256Hex } from '../../domain/hash.ts';

export { sha256Hex };

/** sha256 over kind, header and every row's cells (values and link targets), ignoring view state (hidden rows). */
export function contentHash(kind: string, header: string[], rows: RawRow[]): string {
  const parts: string[] = [`${kind}\n${header.join('\t')}`];
  for (const r of rows) parts.push(`${r.row}${r.sig}`);
  return hash('sha256', parts.join('\n'), 'hex');
}

/** A row's cells as one string, in header order: `\t<type>:<value>\u0001<link>` per column. */
export function rowSignature(header: string[], cells: Record<string, RawCell>): string {
  // Joined once rather than appended piece by piece: a flat string, which the maps keyed by it (prepare.ts,
  // fold-rows.ts) and the content hash read several times, where an appended one is flattened first.
  const parts: string[] = new Array(header.length);
  for (let i = 0; i < header.length; i++) {
    const c = cells[header[i] as string];
    parts[i] = c ? `${c.t}:${c.v}\u0001${c.link ?? ''}` : '';
  }
  return header.length === 0 ? '' : `\t${parts.join('\t')}`;
}

/**
 * A data row whose cells by header name are made when first asked for. A rebuild reads ~190,000 rows, of which
 * ~12,000 are distinct, and the pipeline needs the cells of a distinct row once (its signature stands for it
 * otherwise: prepare.ts, fold-rows.ts); making them for every row took a fifth of the time spent past the XML
 * (measured over the pack). Serializes like a plain RawRow.
 */
class SheetRow implements RawRow {
  #cells: Record<string, RawCell> | undefined;
  readonly #source: XlsxCell[];
  /** Column index → header name (undefined for columns outside the header). */
  readonly #names: readonly (string | undefined)[];

  constructor(
    readonly row: number,
    readonly hidden: boolean,
    readonly sig: string,
    source: XlsxCell[],
    names: readonly (string | undefined)[],
  ) {
    this.#source = source;
    this.#names = names;
  }

  get cells(): Record<string, RawCell> {
    if (this.#cells) return this.#cells;
    const cells: Record<string, RawCell> = {};
    for (const c of this.#source) {
      const col = this.#names[c.col];
      if (col === undefined) continue;
      const cell: RawCell = { v: c.value, t: c.type };
      if (c.link !== undefined) cell.link = c.link;
      cells[col] = cell;
    }
    this.#cells = cells;
    return cells;
  }

  toJSON(): RawRow {
    return { row: this.row, hidden: this.hidden, cells: this.cells, sig: this.sig };
  }
}

type AddProblem = (p: Omit<Problem, 'file'>) => void;

/**
 * Where the list comes from and its as-of instant: an html-era table's capture instant (from its file name), else
 * the workbook's last-saved date, else the date in its label. A third party's copy is refused.
 */
function sourceAndAsOf(
  wb: XlsxWorkbook,
  header: HeaderMatch,
  htmlEra: boolean,
  name: string,
  opts: ReadOptions,
  problem: AddProblem,
): { source: SourceKind; asOf: string } {
  const file = opts.file;
  if (htmlEra) {
    const captured = captureInstant(name);
    if (!captured)
      throw new InputError(
        file,
        'html-era table without a capture date in its file name (expected YYYY-MM-DD)',
      );
    return { source: 'html-era-table', asOf: captured };
  }
  const writer = [wb.props.creator, wb.props.application].filter(Boolean).join(' / ');
  if (THIRD_PARTY.test(writer) || header.unknown.some((u) => /VALIDATION/i.test(u)))
    throw new InputError(
      file,
      `not an ICE workbook: written by ${writer || 'an unknown tool'} (a third party's copy)`,
    );
  const modified = wb.props.modified;
  if (modified && !Number.isNaN(Date.parse(modified))) {
    const asOf = new Date(modified).toISOString();
    // Whether the date is plausible is the history's call (history/gate.ts, which quarantines a list saved "in
    // 2019" or "in 5025"); a year of other than four digits is not a date the ledger can hold at all.
    if (!(asOf >= '1001-' && asOf < '9999-') || !/^\d{4}-/.test(asOf))
      throw new InputError(
        file,
        `last-saved date "${modified}" (docProps/core.xml) is outside the years 1001–9998 the ledger can hold`,
      );
    return { source: 'ice-workbook', asOf };
  }
  const fromLabel = labelDate(opts.label ?? name);
  if (!fromLabel)
    throw new InputError(
      file,
      'workbook has no last-saved date (docProps/core.xml) and its name carries no date',
    );
  problem({
    row: null,
    column: null,
    code: 'as-of-from-label',
    severity: 'warning',
    message: 'no last-saved date in the workbook; as-of taken from the file label',
  });
  return { source: 'ice-workbook', asOf: `${fromLabel}T12:00:00.000Z` };
}

/** Problems of the header and the sheets: unknown columns, sheets not read. */
function headerProblems(wb: XlsxWorkbook, header: HeaderMatch, problem: AddProblem): void {
  for (const u of header.unknown)
    problem({
      row: header.row,
      column: u,
      code: 'unknown-column',
      severity: 'warning',
      message: `unknown column "${u}"`,
    });
  if (wb.sheetNames.length > 1)
    problem({
      row: null,
      column: null,
      code: 'extra-sheets',
      severity: 'info',
      message: `read the first sheet "${wb.sheetName}" only; ignored ${wb.sheetNames.slice(1).join(', ')}`,
    });
}

/** The data rows below the header (blank, error-only and formatted-but-empty rows skipped), and how many are hidden. */
function dataRows(
  wb: XlsxWorkbook,
  header: HeaderMatch,
  headerNames: string[],
  problem: AddProblem,
): { rows: RawRow[]; hidden: number } {
  // The signature is made from the sheet's cells directly (what rowSignature makes of the cells by name): each
  // header column reads the last cell under its name (two columns can carry one name), as the cells by name hold.
  const names: (string | undefined)[] = [];
  const nameSlot = new Map<string, number>();
  const slotOfCol: (number | undefined)[] = [];
  for (const [col, n] of header.columns) {
    names[col] = n;
    if (!nameSlot.has(n)) nameSlot.set(n, nameSlot.size);
    slotOfCol[col] = nameSlot.get(n);
  }
  const slotOfPart = headerNames.map((n) => nameSlot.get(n) as number);
  const last: (XlsxCell | undefined)[] = new Array(nameSlot.size).fill(undefined);
  const parts: string[] = new Array(headerNames.length);
  const rows: RawRow[] = [];
  let hidden = 0;
  for (const xr of wb.rows) {
    if (xr.r <= header.row) continue;
    let any = false;
    for (const c of xr.cells) {
      const slot = slotOfCol[c.col];
      if (slot === undefined) {
        if (!BLANK.test(c.value))
          problem({
            row: xr.r,
            column: null,
            code: 'value-outside-header',
            severity: 'warning',
            message: `value in a column with no header (column ${c.col + 1})`,
            value: c.value,
          });
        continue;
      }
      last[slot] = c;
      if (!any && c.type !== 'e' && !BLANK.test(c.value)) any = true;
    }
    if (any) {
      for (let i = 0; i < parts.length; i++) {
        const c = last[slotOfPart[i] as number];
        parts[i] = c ? `${c.type}:${c.value}\u0001${c.link ?? ''}` : '';
      }
      if (xr.hidden) hidden++;
      rows.push(new SheetRow(xr.r, xr.hidden, `\t${parts.join('\t')}`, xr.cells, names));
    } // else: blank, error-only or formatted-but-empty row
    last.fill(undefined);
  }
  return { rows, hidden };
}

export function readWorkbook(buf: Buffer, opts: ReadOptions): ParsedPublication {
  const file = opts.file;
  const wb = readXlsx(buf, file, opts.limits);
  const header = findHeader(wb.rows);
  if (!header)
    throw new InputError(
      file,
      `no recognisable header: none of the first 10 rows of sheet "${wb.sheetName}" names both STATE and LAW ENFORCEMENT AGENCY`,
    );
  const htmlEra = isHtmlEra(wb, header.known);
  const headerNames = [...header.columns.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
  const name = basename(file);
  const problems: Problem[] = [];
  const problem = (p: Omit<Problem, 'file'>) => problems.push({ file, ...p });
  const { source, asOf } = sourceAndAsOf(wb, header, htmlEra, name, opts, problem);
  const kind = kindOf(header);
  headerProblems(wb, header, problem);
  const { rows, hidden } = dataRows(wb, header, headerNames, problem);
  if (hidden > 0)
    problem({
      row: null,
      column: null,
      code: 'hidden-rows',
      severity: 'info',
      message: `${hidden} hidden row(s)${wb.filterMode ? ' (saved with an active filter)' : ''}: kept as data and flagged`,
    });

  const label = opts.label === undefined ? basename(name, extname(name)) : opts.label;
  const props: Record<string, string | null> = { ...wb.props };
  return {
    file,
    sha256: opts.sha256 ?? sha256Hex(buf),
    bytes: buf.length,
    source,
    kind,
    era: eraOf(header, htmlEra),
    sheetName: wb.sheetName,
    sheetNames: wb.sheetNames,
    header: headerNames,
    asOf,
    asOfDate: htmlEra ? asOf.slice(0, 10) : newYorkDate(asOf),
    label,
    labelDate: label ? labelDate(label) : null,
    docProps: props,
    rows,
    contentHash: contentHash(kind, headerNames, rows),
    problems,
  };
}
