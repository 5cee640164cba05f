import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BenchResults } from '../results';
import { latencySvg } from './latency-svg';
import { markdownReport } from './markdown';

const CHART_FILE = 'latency.svg';

/** Writes latest.json (every figure), latency.svg (the chart) and latest.md (the report that embeds it). */
export function writeReports(directory: string, results: BenchResults): string[] {
  mkdirSync(directory, { recursive: true });
  const caption = `${results.mode} run, ${results.settings.connections} connections, ${results.generated_at.slice(0, 10)}`;
  const files: [string, string][] = [
    ['latest.json', JSON.stringify(results, null, 2) + '\n'],
    [CHART_FILE, latencySvg(results.scenarios, caption)],
    ['latest.md', markdownReport(results, CHART_FILE)],
  ];
  for (const [name, content] of files) writeFileSync(path.join(directory, name), content);
  return files.map(([name]) => name);
}
