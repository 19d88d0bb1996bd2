// Prints the plain closing line CI reads ("N passed, N failed, N skipped") from vitest's JSON report.
import fs from 'node:fs';

const file = process.argv[2] ?? 'artifacts/vitest-results.json';
const r = JSON.parse(fs.readFileSync(file, 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
};
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
process.exit(r.numFailedTests > 0 ? 1 : 0);
