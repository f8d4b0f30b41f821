/**
 * Child process for test/process/lock-race.test.ts: in each of ROUNDS rounds it waits for the round's instant
 * (START_AT + round × SLOT_MS, the same for every racer), then tries to lock the folder. Holding the lock, it
 * creates a marker file exclusively and removes it again: a marker that already exists means two processes held
 * the lock at once. Racer 0 plants stale lock files (of a dead process, and garbage) before some rounds. Prints
 * one JSON line: its counts and the rounds it won.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LockedError } from '../../src/domain/errors.ts';
import { acquireLock } from '../../src/store/lock.ts';

const [dir, roundsArg, startArg, slotArg, idArg, deadArg] = process.argv.slice(2);
if (!dir || !roundsArg || !startArg || !slotArg || !idArg || !deadArg) {
  console.error('usage: lock-racer.ts DIR ROUNDS START_AT SLOT_MS ID DEAD_PID');
  process.exit(2);
}
const rounds = Number(roundsArg);
const startAt = Number(startArg);
const slot = Number(slotArg);
const id = Number(idArg);
const deadPid = Number(deadArg);

const sleepUntil = (t: number) => {
  const ms = t - Date.now();
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

function plantStale(round: number): void {
  const owner = JSON.stringify({ pid: deadPid, start: null, command: 'crashed', since: '' });
  const tmp = join(dir as string, `plant-${round}.tmp`);
  writeFileSync(tmp, owner);
  renameSync(tmp, join(dir as string, `reassess.lock.${deadPid}-${round}.held`));
  if (round % 3 === 0) writeFileSync(join(dir as string, `reassess.lock.${deadPid}-w${round}.want`), owner);
  if (round % 7 === 0)
    writeFileSync(join(dir as string, 'reassess.lock'), round % 2 ? 'garbage' : `${deadPid}\n`);
}

const out = { id, acquired: 0, refused: 0, violations: 0, won: [] as number[] };
const marker = join(dir, 'inside');
for (let r = 0; r < rounds; r++) {
  if (id === 0 && r % 5 === 0) {
    sleepUntil(startAt + r * slot - slot / 2);
    plantStale(r);
  }
  sleepUntil(startAt + r * slot);
  let lock: ReturnType<typeof acquireLock>;
  try {
    lock = acquireLock(dir, { command: 'race' });
  } catch (e) {
    if (!(e instanceof LockedError)) throw e;
    out.refused++;
    continue;
  }
  try {
    writeFileSync(marker, String(id), { flag: 'wx' });
  } catch {
    out.violations++;
  }
  out.acquired++;
  out.won.push(r);
  sleepUntil(Date.now() + 1);
  rmSync(marker, { force: true });
  lock.release();
}
process.stdout.write(`${JSON.stringify(out)}\n`);
