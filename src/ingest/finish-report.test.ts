import { describe, expect, it } from 'vitest';
import { buildReport } from './finish-report.ts';
import type { ReportDraft } from './run-context.ts';
import type { InputResult } from './types.ts';

const result = (
  file: string,
  status: InputResult['status'],
  extra: Partial<InputResult> = {},
): InputResult => ({
  file,
  sha256: file.padEnd(64, '0'),
  status,
  ...extra,
});

function draft(inputs: InputResult[], loaded: InputResult[] = []): ReportDraft {
  return {
    inputs,
    loaded,
    problems: { total: 2, byCode: { 'unknown-column': 2 }, sample: [] },
    history: null,
    geography: null,
  };
}

const run = (report: ReportDraft, inputs = report.inputs.length) => ({
  runId: 7,
  command: 'sync',
  started: new Date('2025-04-01T12:00:00.000Z'),
  startedAt: '2025-04-01T12:00:00.000Z',
  inputs: Array.from({ length: inputs }, (_, i) => ({ bytes: Buffer.alloc(0), file: `f${i}` })),
  report,
});

describe('buildReport (the last stage, without the database)', () => {
  it('counts the run’s own inputs by status, times the run and carries what the stages recorded', () => {
    const report = draft([
      result('a', 'new', { publication: 1, kind: 'participating', gate: 'ok' }),
      result('b', 'unchanged', { reason: 'same bytes already stored', publication: 1 }),
      result('c', 'rejected', { reason: 'an HTML page, not an Excel workbook' }),
      result('d', 'new', { publication: 2, kind: 'pending' }),
    ]);
    const quarantined = [{ publication: 2, date: '2025-03-31', kind: 'pending', reason: 'shrank' }];
    const out = buildReport(run(report), new Date('2025-04-01T12:00:01.500Z'), quarantined);
    expect(out).toEqual({
      run: 7,
      command: 'sync',
      startedAt: '2025-04-01T12:00:00.000Z',
      finishedAt: '2025-04-01T12:00:01.500Z',
      durationMs: 1500,
      inputs: report.inputs,
      counts: { inputs: 4, new: 2, unchanged: 1, rejected: 1 },
      problems: report.problems,
      gates: { quarantined },
      history: null,
      loaded: [],
      geography: null,
    });
    // The stored and printed report keeps this key order.
    expect(Object.keys(out)).toEqual([
      'run',
      'command',
      'startedAt',
      'finishedAt',
      'durationMs',
      'inputs',
      'counts',
      'problems',
      'gates',
      'history',
      'loaded',
      'geography',
    ]);
  });

  it('leaves the bundled county shapes out of the counts (they are not an input of the run)', () => {
    const bundled = result('counties-10m.json', 'new', { kind: 'us-atlas-counties', bundled: true });
    const report = draft([result('a', 'unchanged'), bundled], [bundled]);
    const out = buildReport(run(report, 1), new Date('2025-04-01T12:00:00.000Z'), []);
    expect(out.counts).toEqual({ inputs: 1, new: 0, unchanged: 1, rejected: 0 });
    expect(out.loaded).toEqual([bundled]);
    expect(out.durationMs).toBe(0);
  });
});
