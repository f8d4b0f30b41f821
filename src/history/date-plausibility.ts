/**
 * Plausibility of a publication's date (issue 13): a list's as-of date comes from the file (its last-saved time)
 * or its capture, and one wrong date would rewrite the whole history (a copy "saved in 2019" becoming the first
 * list, one "saved in 5025" staying the latest forever). A date is implausible when it is
 *
 * - before the program's first list (publication-date-policy.csv: `first_list`);
 * - after now plus a small skew (`future_skew_days`);
 * - contradicted by the content: the list names an agreement signed more than the skew after the list's own date
 *   (a genuine list cannot name a signature yet to come; such a file is a later list saved under an earlier date).
 *
 * Pure: `now` and the bounds are passed in.
 */

/** How every reason this policy gives begins. */
export const IMPLAUSIBLE = 'implausible date';

export interface DatePolicy {
  /** YYYY-MM-DD: no list predates it. */
  firstList: string;
  /** YYYY-MM-DD: now plus the skew; no list is dated after it. */
  latest: string;
  skewDays: number;
}

/** The policy at `now` (an ISO time) with the reviewed bounds. */
export function datePolicy(now: string, firstList: string, skewDays: number): DatePolicy {
  return { firstList, latest: addDays(now.slice(0, 10), skewDays), skewDays };
}

function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(t) ? date : new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/** Why the date of a publication cannot be right, or null when it is plausible. */
export function implausibleDate(asOfDate: string, newestSigned: string | null, p: DatePolicy): string | null {
  if (asOfDate < p.firstList)
    return `${IMPLAUSIBLE}: dated ${asOfDate}, before the program's first list (${p.firstList})`;
  if (asOfDate > p.latest)
    return `${IMPLAUSIBLE}: dated ${asOfDate}, after today plus ${p.skewDays} days (${p.latest})`;
  if (newestSigned !== null && newestSigned > addDays(asOfDate, p.skewDays))
    return `${IMPLAUSIBLE}: dated ${asOfDate}, but it lists an agreement signed on ${newestSigned}`;
  return null;
}
