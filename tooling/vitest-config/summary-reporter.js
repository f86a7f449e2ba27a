// Prints one plain closing line, `N passed, N failed, N skipped`, that CI reads.

/** @param {any} task */
function collect(task, counts) {
  if (task.type === "test") {
    const state = task.result?.state;
    if (task.mode === "skip" || task.mode === "todo") counts.skipped += 1;
    else if (state === "pass") counts.passed += 1;
    else if (state === "fail") counts.failed += 1;
    else counts.skipped += 1;
    return;
  }
  if (task.type === "suite" && task.result?.state === "fail" && task.tasks.length === 0) {
    counts.failed += 1; // a file that failed to load
  }
  for (const child of task.tasks ?? []) collect(child, counts);
}

export default class SummaryReporter {
  /** @param {any[]} testModules @param {readonly unknown[]} errors */
  onTestRunEnd(testModules, errors) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const mod of testModules) {
      const task = mod.task;
      if (task.result?.state === "fail" && (task.tasks ?? []).length === 0) counts.failed += 1;
      for (const child of task.tasks ?? []) collect(child, counts);
    }
    if (errors.length > 0) counts.failed += errors.length;
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
