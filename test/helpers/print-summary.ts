// Prints the plain closing line CI reads ("N passed, N failed, N skipped") from vitest's JSON report, after the
// list of skipped tests by suite and name with the reason each was skipped (`meta.skipReason`, set by
// requirements.ts `needs()`), so a run without the kit or a database says exactly what it did not prove.
import fs from 'node:fs';
import path from 'node:path';

interface Assertion {
  ancestorTitles: string[];
  title: string;
  status: string;
  meta?: { skipReason?: string };
}
interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  testResults: { name: string; status: string; message: string; assertionResults: Assertion[] }[];
}

const file = process.argv[2] ?? 'artifacts/vitest-results.json';
if (!fs.existsSync(file)) {
  // npm test removes the last report first: none means the run stopped before vitest (type check, lint, build).
  console.log(`no test report at ${file}: the run stopped before the tests (see the error above)`);
  process.exit(1);
}
const r = JSON.parse(fs.readFileSync(file, 'utf8')) as Report;

/** Skipped tests grouped by file, suite and reason: "file › suite — reason" then each test's name. */
export function skippedLines(report: Report, root = process.cwd()): string[] {
  const groups = new Map<string, string[]>();
  for (const f of report.testResults) {
    for (const a of f.assertionResults) {
      if (a.status !== 'skipped' && a.status !== 'pending' && a.status !== 'todo') continue;
      const reason = a.status === 'todo' ? 'todo' : (a.meta?.skipReason ?? 'no reason given (plain .skip)');
      const where = [path.relative(root, f.name), ...a.ancestorTitles].join(' › ');
      const key = `${where} — ${reason}`;
      groups.set(key, [...(groups.get(key) ?? []), a.title]);
    }
  }
  return [...groups].flatMap(([key, titles]) => [`  ${key}`, ...titles.map((t) => `      · ${t}`)]);
}

const skipped = skippedLines(r);
if (skipped.length > 0) console.log(`Skipped:\n${skipped.join('\n')}`);
// A file that fails to load (a syntax error, a TEST_REQUIRE that is not met) has no failed test but fails.
const brokenFiles = r.testResults.filter((f) => f.assertionResults.length === 0 && f.status === 'failed');
for (const f of brokenFiles) console.log(`Failed to run: ${path.relative(process.cwd(), f.name)}: ${f.message}`);
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
process.exit(r.numFailedTests > 0 || r.numFailedTestSuites > 0 ? 1 : 0);
