import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the closing line CI reads: `N passed, N failed`, and `N not run` when tests were skipped (an optional
 * suite whose service or data is absent: PostgreSQL without TEST_DATABASE_URL, the data pack without
 * REASSESS_DATA). A test that did not run never counts as passed; the names of those not run are listed above
 * the closing line.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    const notRun: string[] = [];
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else notRun.push(`${mod.moduleId.replace(/^.*?\/(src|test)\//, '$1/')} > ${test.fullName}`);
      }
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
    }
    if (notRun.length > 0) process.stdout.write(`\nnot run:\n${notRun.map((n) => `  - ${n}`).join('\n')}\n`);
    const tail = notRun.length > 0 ? `, ${notRun.length} not run` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`);
  }
}
