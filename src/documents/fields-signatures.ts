/**
 * The signature block: who signed for each party, their title, and the date. The block follows "By signing this
 * MOA … by law." on the same page (or the next). Its two columns are told apart by position on the page; which
 * column is ICE's comes from the "For the LEA: / For ICE:" line of the 2025 templates, else from the column that
 * names ICE's offices (older templates put ICE on the left). Labelled lines (`Name:`, `Title:`, `Date:`) are read
 * as such; older blocks give a typed name and title under the signature, and digital signatures their own
 * date. A value that cannot be read is null with the reason.
 */
import type { Field, PageLayout, Party, Signatory } from '../domain/document.ts';
import { findDates } from './dates.ts';
import { boilerplate, type DocText, lineShape } from './doc-text.ts';
import { clean, found, legible, missing } from './field.ts';

interface ColLine {
  text: string;
  /** Offset of the line's text in the document text (-1 when not found). */
  at: number;
}

const ICE_WORDS =
  /immigration\s+(and|&)\s+customs|enforcement\s+and\s+removal|homeland\s+security|associate\s+director|assistant\s+director|field\s+office\s+director/i;
const ORG_WORDS =
  /county|office|department|dept|police|sheriff'?s|enforcement|immigration|customs|security|operations|agency|state|city|town|borough|commission|division|bureau|corrections|patrol|u\.s\.|guard/i;
const PERSON =
  /^(?:[A-Z][a-zA-Z'’-]+\.?|[A-Z]\.(?:\s?[A-Z]\.)?)(?:\s+(?:[A-Z][a-zA-Z'’-]+|[A-Z]\.|Jr\.?|Sr\.?|II|III|IV)){1,4}$/;
/** Labels and party words that a loose name pattern would take for a name. */
const NOT_A_NAME = /^for\s|\b(ICE|LEA|DHS)\b|^(name|title|date|signature|agency)\b/i;
const LABEL = /\b(Date|Signature|Name|Title|Agency)\s*:/gi;

/** The line that ends the agreement's body (the signing clause) and the page it is on. */
function signingClause(d: DocText): { page: number; offset: number } | null {
  const re = /to the fullest extent allowed by\s+law\.?|by s\s?igning this moa/gi;
  let last: RegExpExecArray | null = null;
  for (let m = re.exec(d.text); m; m = re.exec(d.text)) last = m;
  if (!last) return null;
  const offset = last.index + last[0].length;
  let i = 0;
  while (i + 1 < d.starts.length && (d.starts[i + 1] as number) <= offset) i++;
  return { page: d.pages[i]?.page as number, offset };
}

/** Splits a line's items into the two columns; an item holding two same labels is cut at the second. */
function columns(items: { x: number; text: string }[], mid: number): [string, string] {
  const left: string[] = [];
  const right: string[] = [];
  for (const it of items) {
    const labels = [...it.text.matchAll(LABEL)];
    const first = labels[0];
    const again = labels.find((l, k) => k > 0 && first && l[1]?.toLowerCase() === first[1]?.toLowerCase());
    if (again?.index !== undefined && it.x < mid) {
      left.push(it.text.slice(0, again.index));
      right.push(it.text.slice(again.index));
    } else (it.x < mid - 10 ? left : right).push(it.text);
  }
  return [left.join(' ').trim(), right.join(' ').trim()];
}

/** The block's lines as two columns of text, with their offsets in the document. */
function block(
  d: DocText,
  layouts: Map<number, PageLayout>,
  page: number,
  offset: number,
): [ColLine[], ColLine[]] {
  const cols: [ColLine[], ColLine[]] = [[], []];
  const skip = boilerplate(d.pages);
  const pages = [page, page + 1];
  let cursor = offset;
  for (const p of pages) {
    const layout = layouts.get(p);
    if (!layout) continue;
    const mid = layout.width / 2;
    const start = p === page ? firstLineAfter(d, layout, offset) : 0;
    const lines = layout.lines.slice(start, p === page ? undefined : 18);
    for (const line of lines) {
      if (skip.has(lineShape(line.items.map((x) => x.text).join(' ')))) continue;
      const [l, r] = columns(line.items, mid);
      for (const [k, t] of [l, r].entries()) {
        if (!t) continue;
        const at = d.text.indexOf(t.slice(0, 40), cursor);
        (cols[k] as ColLine[]).push({ text: t, at });
      }
    }
    // A block that starts at the foot of its page goes on to the next one.
    if (cols[0].length + cols[1].length >= 8) break;
    cursor = d.starts[d.pages.findIndex((x) => x.page === p) + 1] ?? cursor;
  }
  return cols;
}

/** The index of the first layout line after the signing clause. */
function firstLineAfter(d: DocText, layout: PageLayout, offset: number): number {
  const tail = d.text
    .slice(Math.max(0, offset - 60), offset)
    .trim()
    .slice(-25);
  for (let i = 0; i < layout.lines.length; i++) {
    const t = layout.lines[i]?.items.map((x) => x.text).join(' ') ?? '';
    if (tail && t.includes(tail)) return i + 1;
  }
  return layout.lines.length;
}

function partyOf(cols: [ColLine[], ColLine[]]): [Party, Party] {
  const head = (c: ColLine[]) =>
    c
      .slice(0, 4)
      .map((l) => l.text)
      .join(' ');
  if (/for the lea/i.test(head(cols[0])) && /for ice|for dhs/i.test(head(cols[1]))) return ['LEA', 'ICE'];
  if (/for ice|for dhs/i.test(head(cols[0])) && /for the lea/i.test(head(cols[1]))) return ['ICE', 'LEA'];
  const ice = (c: ColLine[]) => c.filter((l) => ICE_WORDS.test(l.text)).length;
  return ice(cols[0]) > ice(cols[1]) ? ['ICE', 'LEA'] : ['LEA', 'ICE'];
}

function labelled(d: DocText, col: ColLine[], label: string): Field<string> | null {
  const re = new RegExp(`\\b${label}\\s*:\\s*(.*)$`, 'i');
  for (const l of col) {
    const m = re.exec(l.text);
    if (!m) continue;
    const value = clean((m[1] as string).replace(/\bB\b|(?<=[a-z])B+(?=[\s_]|$)/g, ''));
    if (value === '' || /^(date|signature|name|title|agency)\s*:/i.test(value)) continue;
    const start = l.at >= 0 ? l.at + (m.index ?? 0) : -1;
    return start >= 0 ? legible(found(d, value, start, start + m[0].length, 0.85), 0.85) : null;
  }
  return null;
}

function dateOf(d: DocText, col: ColLine[]): Field<string> {
  const dated = col.filter((l) => /\bdate\b|digitally\s+signed/i.test(l.text));
  for (const l of [...dated, ...col]) {
    const hit = findDates(l.text.replace(/_/g, ' '))[0];
    if (hit && l.at >= 0)
      return legible(found(d, hit.iso, l.at + hit.index, l.at + hit.index + hit.length, 0.8), 0.8);
  }
  const blank = dated.some((l) => /\bdate\s*:?\s*$/i.test(clean(l.text.replace(/\bB\b/g, ''))));
  if (blank) return missing('the date blank is empty');
  return dated.length > 0
    ? missing('the signature date is not legible (handwritten, or damaged by OCR)')
    : missing('no signature date is printed');
}

function nameAndTitle(d: DocText, col: ColLine[]): { name: Field<string>; title: Field<string> } {
  const name = labelled(d, col, 'Name') ?? labelled(d, col, 'Signature');
  const title = labelled(d, col, 'Title');
  if (name && PERSON.test(name.value ?? '') && !/^for\s/i.test(name.value ?? ''))
    return { name, title: title ?? missing('no title is printed') };
  for (const [i, l] of col.entries()) {
    const t = clean(l.text);
    if (!PERSON.test(t) || ORG_WORDS.test(t) || NOT_A_NAME.test(t) || l.at < 0) continue;
    const next = col[i + 1];
    const typed = legible(found(d, t, l.at, l.at + t.length, 0.6), 0.6);
    if (typed.value === null) continue;
    const nextTitle =
      next && next.at >= 0 && !/date|signature/i.test(next.text)
        ? legible(found(d, clean(next.text), next.at, next.at + next.text.length, 0.55), 0.55)
        : null;
    return { name: typed, title: title ?? nextTitle ?? missing('no title is printed under the name') };
  }
  return {
    name: missing('no printed name could be read (a signature alone, or damaged by OCR)'),
    title: title ?? missing('no title could be read'),
  };
}

/** Both signatories, LEA first; an empty list when the document has no readable signing clause. */
export function signatures(d: DocText, layouts: Map<number, PageLayout>): Signatory[] {
  const clause = signingClause(d);
  if (!clause) return [];
  const cols = block(d, layouts, clause.page, clause.offset);
  const parties = partyOf(cols);
  const out = cols.map((col, k) => ({
    party: parties[k] as Party,
    ...nameAndTitle(d, col),
    date: dateOf(d, col),
  }));
  return out.sort((a, b) => (a.party === b.party ? 0 : a.party === 'LEA' ? -1 : 1));
}
