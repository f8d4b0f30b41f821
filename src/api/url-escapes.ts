/**
 * Whether a request target (path and query, as sent) holds a malformed %-escape: a `%` not followed by two hex
 * digits, or escapes that do not spell UTF-8 (`/agency/%ff/`). Such a request is the client's mistake: the server
 * answers it 400 before any route reads it (a route that decoded it would throw).
 */
export function malformedEscape(target: string): boolean {
  if (!target.includes('%')) return false;
  try {
    decodeURIComponent(target);
    return false;
  } catch {
    return true;
  }
}
