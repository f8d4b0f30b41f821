/**
 * A person's search into the text of a PostgreSQL `to_tsquery('english', …)`: words are ANDed, "quoted phrases"
 * are words in sequence (`<->`), a word ending in `*` is a prefix (`:*`), a leading `-` excludes a word. Only
 * letters and digits reach the query: nothing typed can break it.
 */

export interface ParsedQuery {
  /** The tsquery text, or null when the query has no word to search. */
  tsquery: string | null;
  /** The words, for highlighting where the database does not. */
  terms: string[];
}

const word = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

export function parseSearch(q: string): ParsedQuery {
  const parts: string[] = [];
  const terms: string[] = [];
  const re = /(-?)"([^"]*)"|(-?)(\S+)/g;
  for (let m = re.exec(q); m; m = re.exec(q)) {
    if (m[2] !== undefined) {
      const ws = m[2]
        .split(/\s+/)
        .map(word)
        .filter((w) => w !== '');
      if (ws.length === 0) continue;
      terms.push(...ws);
      const phrase = ws.join(' <-> ');
      parts.push(m[1] ? `!(${phrase})` : ws.length > 1 ? `(${phrase})` : phrase);
      continue;
    }
    const raw = m[4] as string;
    const prefix = raw.endsWith('*');
    // A word with inner punctuation (`287(g)`, `U.S.`) becomes its pieces in sequence.
    const pieces = raw
      .split(/[^\p{L}\p{N}]+/u)
      .map(word)
      .filter((w) => w !== '');
    if (pieces.length === 0) continue;
    terms.push(...pieces);
    const last = pieces.length - 1;
    const seq = pieces.map((p, i) => (prefix && i === last ? `${p}:*` : p)).join(' <-> ');
    parts.push(m[3] ? `!(${seq})` : pieces.length > 1 ? `(${seq})` : seq);
  }
  const positive = parts.filter((p) => !p.startsWith('!'));
  if (positive.length === 0) return { tsquery: null, terms };
  return { tsquery: parts.join(' & '), terms };
}
