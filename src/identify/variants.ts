/**
 * Names as evidence (issue 14): the forms of one name that ICE prints for one agency. A name's variant key is its
 * matching key with
 * - the sheriff's suffix in one form: `sheriffs office`, `sheriffs department`, `sheriff office`, `sheriff` (one
 *   county has one sheriff, whatever the word after it);
 * - a trailing `addendum` dropped (`Monmouth County Sheriff's Office (Addendum)`: the row prints an addendum; the
 *   suffix is a flag of the row, not part of the agency's name, see normalize/listing.ts);
 * - a misspelt generic word repaired (`Departent`, `Polce`, `Distict`: one letter off a word such as department,
 *   police or district, two for long words). Distinctive words are never repaired here: `Lake` and `Lee` County
 *   are two counties.
 * Two names of a state with one variant key (and the same county, when both rows name one) are one agency.
 */
import { distance } from 'fastest-levenshtein';
import { GENERIC } from './similarity.ts';

const SHERIFF = /\bsheriffs?(?: (?:office|department|dept))?$/;

const repaired = new Map<string, string>();

/** The generic word a token misspells, or the token. */
function repair(token: string): string {
  let out = repaired.get(token);
  if (out !== undefined) return out;
  out = token;
  if (token.length >= 5 && !GENERIC.has(token) && !/\d/.test(token))
    for (const g of GENERIC) {
      if (g.length < 5 || Math.abs(g.length - token.length) > 2) continue;
      const d = distance(token, g);
      if (d === 1 || (d === 2 && token.length >= 9 && g.length >= 9)) {
        out = g;
        break;
      }
    }
  if (repaired.size > 50_000) repaired.clear();
  repaired.set(token, out);
  return out;
}

/** The variant key of a matching key (see the header). */
export function variantKey(key: string): string {
  const words = key.split(' ').map(repair);
  if (words.length > 1 && words[words.length - 1] === 'addendum') words.pop();
  return words.join(' ').replace(SHERIFF, 'sheriff');
}

/** Which rule made two keys one variant, for the decision's explanation. */
export function variantReason(a: string, b: string): string {
  const parts: string[] = [];
  const wa = a.split(' ');
  const wb = b.split(' ');
  if (wa[wa.length - 1] === 'addendum' || wb[wb.length - 1] === 'addendum')
    parts.push('an "(Addendum)" suffix is a flag of the row, not the name');
  if (SHERIFF.test(a) && SHERIFF.test(b) && a.match(SHERIFF)?.[0] !== b.match(SHERIFF)?.[0])
    parts.push('sheriff office / department / dept are one sheriff');
  const fixed = [...wa, ...wb].filter((w) => repair(w) !== w);
  if (fixed.length > 0)
    parts.push(`misspelt generic word ${fixed.map((w) => `"${w}" → "${repair(w)}"`).join(', ')}`);
  return parts.join('; ') || 'the same name once normalized';
}
