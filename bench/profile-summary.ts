import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

/** The parts of a V8 .cpuprofile (written by node --cpu-prof) this summary reads. */
interface CpuProfile {
  readonly nodes: {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: number[];
  }[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

type Node = CpuProfile['nodes'][number];

/** Where a frame's code lives: a package, the service's build, Node itself, or the VM. */
function origin(url: string): string {
  if (url === '') return '(VM: GC, native, idle)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return `node core: ${url.slice(5).replace(/^internal\//, '')}`;
  if (url.includes('/dist/')) return 'service (dist/)';
  return url;
}

function frameName(node: Node): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file =
    url === ''
      ? ''
      : ` ${url.includes('node_modules/') ? url.slice(url.lastIndexOf('node_modules/') + 13) : path.basename(url)}:${lineNumber + 1}`;
  return `${functionName || '(anonymous)'}${file}`;
}

const IDLE = new Set(['(idle)', '(program)']);

const CONCERNS: readonly { readonly name: string; readonly origins: RegExp }[] = [
  { name: 'Cassandra driver (encoding, decoding, routing)', origins: /^cassandra-driver$/ },
  {
    name: 'request logging (pino, pino-http, nestjs-pino, async hooks)',
    origins: /^(pino|pino-http|pino-std-serializers|@pinojs\/.*|nestjs-pino|node core: async_hooks)$/,
  },
  {
    name: 'validation (class-validator, class-transformer)',
    origins: /^(class-validator|class-transformer|validator|libphonenumber-js)$/,
  },
  { name: 'Nest (core, common, platform-express)', origins: /^@nestjs\// },
  {
    name: 'Express, router, body parsing',
    origins:
      /^(express|router|body-parser|raw-body|content-type|type-is|path-to-regexp|qs|on-finished|finalhandler|send|accepts|negotiator|mime-types|media-typer|depd|http-errors|iconv-lite|statuses|encodeurl|etag|fresh|vary|parseurl|cookie|proxy-addr)$/,
  },
  { name: 'service code (dist/)', origins: /^service \(dist\/\)$/ },
  {
    name: 'Node HTTP server and streams',
    origins: /^node core: (_http_.*|net|stream_base_commons|streams\/.*|http)$/,
  },
];

/** What a sample's time was spent on, from its frame and the frames that called it. */
function concernOf(node: Node, callers: readonly Node[]): string {
  const { functionName, url } = node.callFrame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === 'writev' || functionName === 'writeBuffer') {
    return callers.some((caller) => caller.callFrame.url.includes('_http_outgoing'))
      ? 'socket writes: HTTP responses'
      : 'socket writes: Cassandra requests';
  }
  if (functionName === 'stringify' && /express\/lib\/response/.test(url))
    return 'JSON serialization of responses';
  const where = origin(url);
  return (
    CONCERNS.find((concern) => concern.origins.test(where))?.name ??
    (where.startsWith('node core') ? 'other Node core (events, buffers, microtasks)' : 'other')
  );
}

/**
 * Self time and total (inclusive) time per function, and self time per package, of a CPU profile:
 * where the service spends its CPU. Idle time is left out of the percentages. With `windowMs`, only
 * samples taken that many milliseconds after the profile began count (one scenario's measured seconds).
 */
export function summarizeProfile(
  profile: CpuProfile,
  top = 25,
  windowMs?: readonly [number, number],
): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  let elapsedMicros = 0;
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    elapsedMicros += delta;
    const atMs = elapsedMicros / 1000;
    if (windowMs && (atMs < windowMs[0] || atMs > windowMs[1])) return;
    self.set(id, (self.get(id) ?? 0) + delta);
    total += delta / 1000;
  });
  total ||= 1;
  let idle = 0;
  const selfByFrame = new Map<string, number>();
  const selfByOrigin = new Map<string, number>();
  const selfByConcern = new Map<string, number>();
  for (const node of profile.nodes) {
    const micros = self.get(node.id) ?? 0;
    if (IDLE.has(node.callFrame.functionName)) {
      idle += micros / 1000;
      continue;
    }
    if (micros > 0) {
      const callers: Node[] = [];
      for (let up = parent.get(node.id); up !== undefined; up = parent.get(up))
        callers.push(byId.get(up) as Node);
      const concern = concernOf(node, callers);
      selfByConcern.set(concern, (selfByConcern.get(concern) ?? 0) + micros / 1000);
    }
    const name = frameName(node);
    selfByFrame.set(name, (selfByFrame.get(name) ?? 0) + micros / 1000);
    const where = origin(node.callFrame.url);
    selfByOrigin.set(where, (selfByOrigin.get(where) ?? 0) + micros / 1000);
  }
  // Inclusive time: a frame counts once per sample even when it recurses.
  const inclusive = new Map<string, number>();
  const walk = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id);
    if (!node) return 0;
    const name = frameName(node);
    let time = IDLE.has(node.callFrame.functionName) ? 0 : (self.get(id) ?? 0) / 1000;
    const added = !onStack.has(name);
    if (added) onStack.add(name);
    for (const child of node.children ?? []) time += walk(child, onStack);
    if (added) {
      onStack.delete(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + time);
    }
    return time;
  };
  walk(profile.nodes[0].id, new Set());
  const busy = total - idle;
  const pct = (value: number) => `${((100 * value) / busy).toFixed(1).padStart(5)}%`;
  const list = (entries: Map<string, number>, count: number) =>
    [...entries.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, time]) => `  ${pct(time)}  ${time.toFixed(0).padStart(7)} ms  ${name}`);
  return [
    `Profiled ${total.toFixed(0)} ms, of which ${busy.toFixed(0)} ms busy (${((100 * busy) / total).toFixed(0)}%). Percentages are of busy time.`,
    '',
    'Self time by concern:',
    ...list(selfByConcern, 20),
    '',
    'Self time by origin:',
    ...list(selfByOrigin, 15),
    '',
    `Top ${top} functions by self time:`,
    ...list(selfByFrame, top),
    '',
    `Top ${top} functions by total time (including what they call):`,
    ...list(inclusive, top + 10).filter((line) => !/\(root\)|\(anonymous\) *$/.test(line)),
  ].join('\n');
}

/** The call paths (innermost `depth` callers) that lead to the frames named `name`, by self time there. */
export function callersOf(
  profile: CpuProfile,
  name: string,
  depth = 6,
  windowMs?: readonly [number, number],
): string {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const paths = new Map<string, number>();
  let elapsedMicros = 0;
  let matched = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    elapsedMicros += delta;
    if (windowMs && (elapsedMicros / 1000 < windowMs[0] || elapsedMicros / 1000 > windowMs[1])) return;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName !== name) return;
    matched += delta / 1000;
    const chain: string[] = [];
    for (let up = parent.get(id); up !== undefined && chain.length < depth; up = parent.get(up)) {
      const caller = byId.get(up);
      if (caller) chain.push(frameName(caller));
    }
    const key = chain.join(' < ');
    paths.set(key, (paths.get(key) ?? 0) + delta / 1000);
  });
  return [
    `${name}: ${matched.toFixed(0)} ms of self time, reached through:`,
    ...[...paths.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([chain, time]) => `  ${time.toFixed(0).padStart(6)} ms  ${chain}`),
  ].join('\n');
}

if (require.main === module) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { window: { type: 'string' }, top: { type: 'string' }, callers: { type: 'string' } },
  });
  const window = values.window?.split('-').map(Number);
  if (
    positionals.length !== 1 ||
    (window && (window.length !== 2 || window.some((n) => !Number.isFinite(n))))
  ) {
    console.error(
      'Usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [--window FROM-TO] [--top N] [--callers FUNCTION]',
    );
    process.exit(1);
  }
  const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as CpuProfile;
  const range = window as [number, number] | undefined;
  console.log(
    values.callers
      ? callersOf(profile, values.callers, 6, range)
      : summarizeProfile(profile, Number(values.top ?? 25), range),
  );
}
