import autocannon from 'autocannon';
import { BENCH_HEADERS } from './bench-credentials';
import { LatencyRecorder } from './latency';
import { Measurement } from './measurement';
import { ProcessSampler } from './process-sampler';

/** One HTTP request of a scenario; `kind` groups the figures of mixed load. */
export interface HttpRequestSpec {
  readonly kind: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  /** The credentials to send instead of the bench's API key. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface HttpScenario {
  readonly id: string;
  readonly title: string;
  /** The request every connection sends, or a function giving the next one (send and mixed load). */
  readonly request: HttpRequestSpec | (() => HttpRequestSpec);
}

/** Called when the measured part of a scenario starts and ends (to find it in a CPU profile). */
export type MeasuredWindow = (edge: 'start' | 'end') => void;

export interface LoadSettings {
  readonly connections: number;
  readonly warmupSeconds: number;
  /** Measured seconds per scenario. */
  readonly durationSeconds: number;
}

function toAutocannon(spec: HttpRequestSpec): autocannon.Request {
  const headers = { ...(spec.headers ?? BENCH_HEADERS) };
  return spec.body === undefined
    ? { method: spec.method, path: spec.path, headers }
    : {
        method: spec.method,
        path: spec.path,
        body: spec.body,
        headers: { ...headers, 'content-type': 'application/json' },
      };
}

interface Collected {
  readonly all: LatencyRecorder;
  readonly byKind: Map<string, LatencyRecorder>;
  non2xx: number;
  firstFailure?: string;
  readonly statusCodes: Record<string, number>;
}

/** One autocannon run; every response's latency goes to `collected` (at full resolution, by kind). */
function cannon(
  baseUrl: string,
  scenario: HttpScenario,
  connections: number,
  seconds: number,
  collected: Collected,
) {
  // autocannon calls a request's onResponse and then emits 'response' for the same response, in one go:
  // the kind noted by the first is the kind of the response the second reports.
  let lastKind = '';
  const fixed = typeof scenario.request === 'function' ? undefined : scenario.request;
  const next = typeof scenario.request === 'function' ? scenario.request : undefined;
  const onResponse = (status: number, body: string, context: object) => {
    lastKind = (context as { kind?: string }).kind ?? fixed?.kind ?? '';
    if ((status < 200 || status > 299) && collected.firstFailure === undefined) {
      collected.firstFailure = `HTTP ${status}: ${body.slice(0, 300)}`;
    }
  };
  const requests: autocannon.Request[] = next
    ? [
        {
          setupRequest: (request, context) => {
            const spec = next();
            (context as { kind?: string }).kind = spec.kind;
            return { ...request, ...toAutocannon(spec) };
          },
          onResponse,
        },
      ]
    : [{ ...toAutocannon(fixed as HttpRequestSpec), onResponse }];
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: baseUrl, connections, duration: seconds, pipelining: 1, timeout: 10, requests },
      (error: Error | null, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      collected.all.record(responseTime);
      let recorder = collected.byKind.get(lastKind);
      if (!recorder) collected.byKind.set(lastKind, (recorder = new LatencyRecorder()));
      recorder.record(responseTime);
      collected.statusCodes[statusCode] = (collected.statusCodes[statusCode] ?? 0) + 1;
      if (statusCode < 200 || statusCode > 299) collected.non2xx += 1;
    });
  });
}

const fresh = (): Collected => ({
  all: new LatencyRecorder(),
  byKind: new Map(),
  non2xx: 0,
  statusCodes: {},
});

/** Warm-up, then the measured run, each at the same connections, sampling the processes while measuring. */
export async function measureHttp(
  baseUrl: string,
  scenario: HttpScenario,
  settings: { readonly connections: number; readonly warmupSeconds: number },
  seconds: number,
  pids: Readonly<Record<string, number | undefined>>,
  onWindow?: MeasuredWindow,
): Promise<Measurement> {
  await cannon(baseUrl, scenario, settings.connections, settings.warmupSeconds, fresh());
  const collected = fresh();
  const sampler = new ProcessSampler(pids);
  sampler.start();
  onWindow?.('start');
  const result = await cannon(baseUrl, scenario, settings.connections, seconds, collected);
  onWindow?.('end');
  const { processes, otherCpuPct } = sampler.stop();
  return {
    seconds,
    all: collected.all,
    byKind: collected.byKind,
    // autocannon counts a timeout as an error too.
    errors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    non2xx: Math.max(collected.non2xx, result.non2xx),
    statusCodes: collected.statusCodes,
    firstFailure: collected.firstFailure,
    processes,
    otherCpuPct,
  };
}
