import { ScenarioResult } from '../scenario-result';
import { ms } from './format';

export const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A round axis end at or above `value`: 1, 2 or 5 times a power of ten. */
export function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(value, 0.001)));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Axis labels with as many decimals as the axis needs, no more. */
export function tickLabel(value: number, axisMax: number): string {
  return value.toFixed(axisMax >= 10 ? 0 : axisMax >= 1 ? 1 : 2);
}

/**
 * Horizontal bars of p50 and p99 latency per scenario, on one linear axis, so scenarios compare at a
 * glance. Plain SVG, no fonts or scripts, readable on GitHub and offline.
 */
export function latencySvg(scenarios: readonly ScenarioResult[], caption: string): string {
  const labelWidth = 250;
  const plotWidth = 470;
  const rowHeight = 38;
  const top = 46;
  const width = labelWidth + plotWidth + 80;
  const height = top + scenarios.length * rowHeight + 44;
  const axisMax = niceCeiling(Math.max(...scenarios.map((scenario) => scenario.latency_ms.p99)));
  const x = (value: number) => labelWidth + (value / axisMax) * plotWidth;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="20" font-size="14" font-weight="bold">Latency by scenario (ms)</text>`,
    `<text x="12" y="36" fill="#555555">${escape(caption)}</text>`,
    `<rect x="${width - 190}" y="10" width="12" height="10" fill="#2f5f98"/><text x="${width - 174}" y="19">p50</text>`,
    `<rect x="${width - 130}" y="10" width="12" height="10" fill="#9cc3e6"/><text x="${width - 114}" y="19">p99</text>`,
  ];
  for (let tick = 0; tick <= 5; tick += 1) {
    const value = (axisMax / 5) * tick;
    const tx = x(value);
    parts.push(
      `<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${top + scenarios.length * rowHeight}" stroke="#e3e3e3"/>`,
      `<text x="${tx}" y="${top + scenarios.length * rowHeight + 16}" text-anchor="middle" fill="#555555">${tickLabel(value, axisMax)}</text>`,
    );
  }
  scenarios.forEach((scenario, index) => {
    const y = top + index * rowHeight;
    const { p50, p99 } = scenario.latency_ms;
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escape(scenario.id)}</text>`,
      `<text x="${labelWidth - 8}" y="${y + 28}" text-anchor="end" fill="#777777" font-size="10">${scenario.via === 'driver' ? 'driver, no HTTP' : 'HTTP'}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${Math.max(1, x(p50) - labelWidth)}" height="12" fill="#2f5f98"/>`,
      `<text x="${x(p50) + 4}" y="${y + 14}" fill="#2f5f98">${ms(p50)}</text>`,
      `<rect x="${labelWidth}" y="${y + 18}" width="${Math.max(1, x(p99) - labelWidth)}" height="12" fill="#9cc3e6"/>`,
      `<text x="${x(p99) + 4}" y="${y + 28}" fill="#4a7fb0">${ms(p99)}</text>`,
    );
  });
  parts.push(
    `<text x="${labelWidth + plotWidth / 2}" y="${height - 8}" text-anchor="middle" fill="#555555">milliseconds</text>`,
    '</svg>',
  );
  return parts.join('\n') + '\n';
}
