/**
 * Ends a Jest run with one plain line, "tests: N passed, N failed[, N skipped]", which CI logs and other tools read
 * as the run's count (Jest's own summary says "N total", not how many failed).
 */
class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed`;
    process.stdout.write(`\n${skipped > 0 ? `${line}, ${skipped} skipped` : line}\n`);
  }
}

module.exports = ClosingLineReporter;
