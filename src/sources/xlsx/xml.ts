/**
 * Small helpers for scanning the SpreadsheetML subset we read. No DTDs, no custom entities: a document that
 * declares any is refused, which is the whole defence against entity-expansion ("billion laughs") bombs.
 */
import { InputError } from '../../domain/errors.ts';

const ENTITY_RE = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;

export function decodeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY_RE, (_m, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
    }
  });
}

/**
 * Where the root element starts: after the XML declaration, processing instructions and comments. A document whose
 * prolog has anything else (`<!DOCTYPE`) gets its length, so that all of it is checked.
 */
function rootStart(xml: string): number {
  let p = 0;
  for (;;) {
    const lt = xml.indexOf('<', p);
    if (lt < 0) return xml.length;
    const end = xml.startsWith('<?', lt)
      ? xml.indexOf('?>', lt + 2) + 2
      : xml.startsWith('<!--', lt)
        ? xml.indexOf('-->', lt + 4) + 3
        : -1;
    if (end === -1) return xml.charCodeAt(lt + 1) === 33 /* ! */ ? xml.length : lt;
    if (end < lt) return xml.length; // unclosed declaration or comment
    p = end;
  }
}

/**
 * Refuses XML that declares a DTD (and with it, entities). A DTD can only stand in the prolog, before the root
 * element, so only the prolog is searched (a worksheet is megabytes long; its prolog is one line).
 */
export function assertNoDtd(xml: string, file: string, part: string): void {
  const head = xml.slice(0, rootStart(xml));
  if (head.includes('<!DOCTYPE') || head.includes('<!ENTITY'))
    throw new InputError(
      file,
      `${part} declares a DTD or entities, which workbooks never need (XML entity bomb?)`,
    );
}

/** Value of attribute `name` inside an opening tag string like `<c r="A1" t="s">`. */
export function attr(tag: string, name: string): string | undefined {
  // Attributes are preceded by whitespace; search for ` name="` to avoid matching suffixes (e.g. `r:id` vs `id`).
  let i = tag.indexOf(` ${name}="`);
  let q = '"';
  if (i < 0) {
    i = tag.indexOf(` ${name}='`);
    q = "'";
    if (i < 0) return undefined;
  }
  const start = i + name.length + 3;
  const end = tag.indexOf(q, start);
  if (end < 0) return undefined;
  return decodeXml(tag.slice(start, end));
}

/** Concatenated text of every `<t>` element between from and to, skipping phonetic runs (`<rPh>`). */
export function textRuns(whole: string, from: number, until: number): string {
  // Work on the element's own slice so that searches never run past it.
  const xml = whole.slice(from, until);
  const to = xml.length;
  let out = '';
  let p = 0;
  let phonetic = xml.indexOf('<rPh');
  while (p < to) {
    const t = xml.indexOf('<t', p);
    if (t < 0 || t >= to) break;
    if (phonetic >= 0 && phonetic < t) {
      // Skip the phonetic run (`<rPh>...</rPh>`): its text is a reading aid, not cell content.
      const end = xml.indexOf('</rPh>', phonetic);
      p = end < 0 ? to : end + 6;
      phonetic = xml.indexOf('<rPh', p);
      continue;
    }
    const c = xml.charCodeAt(t + 2);
    // `<t>` or `<t xml:space=...>`; not `<tc`, `<text`...
    if (c !== 62 /* > */ && c !== 32 /* space */ && c !== 47 /* / */) {
      p = t + 2;
      continue;
    }
    const gt = xml.indexOf('>', t);
    if (gt < 0) break;
    if (xml.charCodeAt(gt - 1) === 47) {
      p = gt + 1;
      continue;
    }
    const close = xml.indexOf('</t>', gt);
    if (close < 0 || close > to) break;
    out += xml.slice(gt + 1, close);
    p = close + 4;
  }
  return decodeXml(out);
}
