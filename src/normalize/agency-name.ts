/**
 * Agency name → a display name (as ICE wrote it, with spaces and quotes cleaned) and a matching key that survives
 * case, punctuation and abbreviation changes: `Gulfport PD` and `Gulfport Police Department` share a key, as do
 * `St Johns` and `St. Johns`, `Pasco County BOCC` and `... Board of County Commissioners`. Abbreviations come from
 * the reviewed file name-abbreviations.csv.
 */

import { memo } from '../domain/memo.ts';
import { cleanText } from '../domain/text.ts';
import { wordTokens } from '../domain/tokens.ts';
import { loadReference } from '../reference/load.ts';
import { STATE_NAMES } from './state.ts';

/** A trailing `(Addendum)` (or `- Addendum`) on an agency name. */
const ADDENDUM_SUFFIX = /\s*(?:\(\s*addendum\s*\)|[-–]\s*addendum)\s*$/i;

/**
 * An agency cell without a trailing `(Addendum)`: the suffix says the row prints an addendum, a flag of the row, not
 * part of the agency's name (issue 14). The matching key is made from the cell as written, so IDs do not change.
 */
export function withoutAddendum(raw: string): { name: string; addendum: boolean } {
  const m = ADDENDUM_SUFFIX.exec(raw);
  return m && m.index > 0 ? { name: raw.slice(0, m.index), addendum: true } : { name: raw, addendum: false };
}

export function displayName(raw: string): string {
  return cleanText(raw);
}

interface Rule {
  from: string[];
  to: string[];
}

let rules: Rule[] | null = null;

function abbreviationRules(): Rule[] {
  if (!rules) {
    rules = loadReference('nameAbbreviations')
      .map((r) => ({ from: tokens(r.abbreviation), to: tokens(r.expansion) }))
      .filter((r) => r.from.length > 0)
      .sort((a, b) => b.from.length - a.from.length);
  }
  return rules;
}

function tokens(s: string): string[] {
  return wordTokens(cleanText(s));
}

/**
 * Matching key. `state` (USPS code) lets a leading state code be read as the state's name
 * (`MT Dept of Justice` → `montana department of justice`). A leading "The" is dropped, and so is a leading
 * "City of" / "Town of" / "Village of" before a police department (`City of Monroe Police Department` is listed
 * later as `Monroe Police Department`).
 */
export function agencyKey(raw: string, state?: string | null): string {
  return keyMemo(`${state ?? ''}\u0000${raw}`);
}

const keyMemo = memo((s: string) => {
  const [state, raw] = s.split('\u0000') as [string, string];
  // One pass can uncover another prefix (`The The …`, `City of the … Police Department`): repeat until the key no
  // longer changes, so that a key is its own key. Expansions never produce an abbreviation, so this ends quickly.
  let key = computeKey(raw, state || null);
  for (let i = 0; i < 8; i++) {
    const next = computeKey(key, state || null);
    if (next === key) break;
    key = next;
  }
  return key;
});

function computeKey(raw: string, state: string | null): string {
  let t = tokens(raw);
  if (t[0] === 'the' && t.length > 2) t = t.slice(1);
  if (state && t.length > 1 && t[0] === state.toLowerCase()) {
    const name = STATE_NAMES[state];
    if (name) t = [...tokens(name), ...t.slice(1)];
  }
  const out: string[] = [];
  const rs = abbreviationRules();
  for (let i = 0; i < t.length; ) {
    const rule = rs.find((r) => r.from.every((f, j) => t[i + j] === f));
    if (rule) {
      out.push(...rule.to);
      i += rule.from.length;
    } else {
      out.push(t[i] as string);
      i++;
    }
  }
  const key = out.join(' ');
  const municipal = /^(city|town|village|borough) of (.+ police department)$/.exec(key);
  return municipal ? (municipal[2] as string) : key;
}
