import { ScenarioResult } from '../scenario-result';
import { latencySvg } from './latency-svg';

const result = (id: string, p50: number, p99: number): ScenarioResult => ({
  id,
  title: id,
  via: 'http',
  connections: 32,
  settle: { seconds: 0, quiet: true },
  warmup_s: 2,
  duration_s: 5,
  requests: 10,
  requests_per_s: 2,
  latency_ms: { count: 10, mean: p50, p50, p90: p99, p99, max: p99 },
  errors: 0,
  timeouts: 0,
  non_2xx: 0,
  status_codes: {},
  processes: {},
  other_processes_cpu_pct: 0,
});

describe('latencySvg', () => {
  const svg = latencySvg([result('history_head', 12.5, 40), result('a<b', 3, 181)], 'quick run');

  it('draws a p50 and a p99 bar per scenario, labelled, on an axis that holds the largest p99', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<rect x="250"/g)).toHaveLength(4);
    expect(svg).toContain('>history_head<');
    expect(svg).toContain('>12.5<');
    expect(svg).toContain('>181<');
    expect(svg).toContain('>200<'); // axis end: the round number above 181
  });

  it('escapes text', () => {
    expect(svg).toContain('>a&lt;b<');
  });
});
