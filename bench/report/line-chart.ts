import { escape, niceCeiling, tickLabel } from './latency-svg';

export interface Series {
  readonly name: string;
  /** One value per x, in the order of the chart's xs. */
  readonly values: readonly number[];
}

const COLOURS = ['#2f5f98', '#c0504d', '#4f8a3c', '#8064a2'];

/**
 * One line per series over a few x values spaced evenly (connection counts, say), on a linear y axis from
 * zero. Plain SVG, like latencySvg, readable on GitHub and offline.
 */
export function lineChart(title: string, xLabel: string, xs: readonly number[], series: readonly Series[]) {
  const left = 60;
  const plotWidth = 480;
  const plotHeight = 220;
  const top = 40;
  const width = left + plotWidth + 170;
  const height = top + plotHeight + 50;
  const axisMax = niceCeiling(Math.max(...series.flatMap((line) => line.values)));
  const x = (index: number) =>
    left + (xs.length === 1 ? plotWidth / 2 : (index / (xs.length - 1)) * plotWidth);
  const y = (value: number) => top + plotHeight - (value / axisMax) * plotHeight;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="14" font-weight="bold">${escape(title)}</text>`,
  ];
  for (let tick = 0; tick <= 5; tick += 1) {
    const value = (axisMax / 5) * tick;
    parts.push(
      `<line x1="${left}" y1="${y(value)}" x2="${left + plotWidth}" y2="${y(value)}" stroke="#e3e3e3"/>`,
      `<text x="${left - 6}" y="${y(value) + 4}" text-anchor="end" fill="#555555">${tickLabel(value, axisMax)}</text>`,
    );
  }
  xs.forEach((value, index) => {
    parts.push(
      `<text x="${x(index)}" y="${top + plotHeight + 18}" text-anchor="middle" fill="#555555">${value}</text>`,
    );
  });
  parts.push(
    `<text x="${left + plotWidth / 2}" y="${height - 8}" text-anchor="middle" fill="#555555">${escape(xLabel)}</text>`,
  );
  series.forEach((line, index) => {
    const colour = COLOURS[index % COLOURS.length];
    const points = line.values.map((value, i) => `${x(i)},${y(value)}`).join(' ');
    parts.push(
      `<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"/>`,
      ...line.values.map((value, i) => `<circle cx="${x(i)}" cy="${y(value)}" r="3" fill="${colour}"/>`),
      `<rect x="${left + plotWidth + 20}" y="${top + index * 20}" width="12" height="10" fill="${colour}"/>`,
      `<text x="${left + plotWidth + 38}" y="${top + index * 20 + 9}">${escape(line.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
