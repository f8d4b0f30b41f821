/**
 * The words of a name, as agency names are matched and searched: lower case, `&` read as "and", `'s` as `s`, other
 * apostrophes dropped, every other run of punctuation a word break. Callers fold the text first (normalize's
 * `cleanText`, or the search's accent folding), so both agree on what a word is.
 */
export function wordTokens(folded: string): string[] {
  return folded
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/'s\b/g, 's')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}
