/**
 * A full garbage collection on request, for the long batch stages of a rebuild. V8 sizes its heap to the rate of
 * allocation, so a rebuild that reads hundreds of workbooks holds several hundred MB of garbage at its peak
 * unless collected between stages (measured in bench/run.ts: peak memory of a full rebuild). `--expose-gc` is
 * turned on at run time, so no command-line flag is needed (the way jest's leak detector reaches `gc`); when that
 * is refused, nothing is collected and nothing else changes.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
