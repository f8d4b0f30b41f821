/**
 * The wire form of query parameters and result rows between a CLI process and `reassess serve` (remote.ts): JSON,
 * with the values JSON cannot carry tagged so they arrive as they left — bytes (bytea), dates, bigints and
 * non-finite numbers. A plain object with a key starting with `$` is wrapped, so no stored JSON is mistaken for a
 * tag. One message per line (JSON.stringify never writes a raw line break).
 */

type Tagged =
  | { $bytes: string }
  | { $date: string }
  | { $bigint: string }
  | { $num: 'NaN' | 'Infinity' | '-Infinity' }
  | { $obj: Record<string, unknown> }
  | { $undef: true };

const TAGS = new Set(['$bytes', '$date', '$bigint', '$num', '$obj', '$undef']);

/** A value as JSON can carry it (see decodeValue for the way back). */
export function encodeValue(v: unknown): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v === undefined) return { $undef: true } satisfies Tagged;
  if (typeof v === 'number')
    return Number.isFinite(v)
      ? v
      : ({ $num: String(v) as 'NaN' | 'Infinity' | '-Infinity' } satisfies Tagged);
  if (typeof v === 'bigint') return { $bigint: v.toString() } satisfies Tagged;
  if (v instanceof Date) return { $date: v.toISOString() } satisfies Tagged;
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('base64') } satisfies Tagged;
  if (Array.isArray(v)) return v.map(encodeValue);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    let dollar = false;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      out[k] = encodeValue(x);
      if (k.startsWith('$')) dollar = true;
    }
    return dollar ? ({ $obj: out } satisfies Tagged) : out;
  }
  throw new TypeError(`a ${typeof v} cannot be sent to the ledger's server`);
}

function decodeObject(o: Record<string, unknown>): unknown {
  const keys = Object.keys(o);
  const tag = keys.length === 1 && TAGS.has(keys[0] as string) ? (keys[0] as string) : null;
  switch (tag) {
    case '$bytes':
      return Buffer.from(o.$bytes as string, 'base64');
    case '$date':
      return new Date(o.$date as string);
    case '$bigint':
      return BigInt(o.$bigint as string);
    case '$num':
      return Number(o.$num);
    case '$undef':
      return undefined;
    case '$obj':
      return decodeFields(o.$obj as Record<string, unknown>);
    default:
      return decodeFields(o);
  }
}

function decodeFields(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = decodeValue(x);
  return out;
}

/** The value encodeValue was given. */
export function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeValue);
  return decodeObject(v as Record<string, unknown>);
}

/** A CLI's question: one compiled query. */
export interface QueryMessage {
  id: number;
  sql: string;
  parameters: readonly unknown[];
}

/** The server's answer: the rows, or the error (its SQLSTATE code where PostgreSQL gave one). */
export type AnswerMessage =
  | { id: number; rows: Record<string, unknown>[]; numAffectedRows?: string }
  | { id: number; error: { message: string; code?: string } };

export const encodeMessage = (m: object): string => `${JSON.stringify(encodeValue(m))}\n`;
export const decodeMessage = <T>(line: string): T => decodeValue(JSON.parse(line)) as T;

/**
 * Splits a text stream (a socket with its encoding set, so no character is cut in two) into lines and hands each
 * complete one to `onLine`. Only the new chunk is searched for the line break: a long answer arrives in many chunks.
 */
export function lineReader(onLine: (line: string) => void): (chunk: string) => void {
  let parts: string[] = [];
  return (chunk) => {
    let from = 0;
    let nl = chunk.indexOf('\n');
    while (nl >= 0) {
      parts.push(chunk.slice(from, nl));
      const line = parts.join('');
      parts = [];
      if (line) onLine(line);
      from = nl + 1;
      nl = chunk.indexOf('\n', from);
    }
    if (from < chunk.length) parts.push(chunk.slice(from));
  };
}
