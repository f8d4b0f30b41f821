/** Stops by month and race in scope (§3): the counts behind the stop-rate benchmark. */
import type { StopsDb } from './duck.ts';
import { type StopScope, scopeWhere, tableOf } from './scope.ts';

export async function stopsByMonthRace(db: StopsDb, scope: StopScope) {
  return db.all<{ month: string; race: string; stops: number }>(
    `SELECT strftime("date", '%Y-%m') AS month, subject_race AS race, count(*) AS stops
     FROM ${tableOf(scope)} WHERE ${scopeWhere(scope)} AND subject_race IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
  );
}
