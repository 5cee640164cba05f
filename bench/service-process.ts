import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { DIST_DIR } from '../scripts/seed/service-build';
import { BENCH_SERVICE_ENV } from './bench-credentials';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The production build (node dist/main.js) running as a child process, as it runs in production. */
export class ServiceProcess {
  private output = '';
  private exited?: { code: number | null; signal: NodeJS.Signals | null };

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    const keep = (chunk: Buffer) => {
      // Warnings and errors only (LOG_LEVEL=warn); keep the tail for a failure report.
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => (this.exited = { code, signal }));
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the service has no pid');
    return this.child.pid;
  }

  /** What the service printed (warnings and errors): empty in a clean run. */
  get log(): string {
    return this.output;
  }

  /**
   * Starts the service on a free local port against `keyspace` and waits until /health answers.
   * With `cpuProfileDir`, V8 writes a .cpuprofile of the whole run there when the service stops.
   */
  static async start(
    keyspace: string,
    options: { cpuProfileDir?: string; entry?: readonly string[]; env?: Record<string, string> } = {},
  ): Promise<ServiceProcess> {
    const port = await freePort();
    const flags = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
    // `entry`: node arguments that start another build of the service (see bench/auth/) instead of main.js.
    const entry = options.entry ?? [path.join(DIST_DIR, 'main.js')];
    const child = spawn(process.execPath, [...flags, ...entry], {
      env: {
        ...process.env,
        ...BENCH_SERVICE_ENV,
        NODE_ENV: 'production',
        PORT: String(port),
        HTTP_HOST: '127.0.0.1',
        CASSANDRA_KEYSPACE: keyspace,
        // Request logs off: at warn level the service logs only what goes wrong.
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (service.exited) throw new Error(`the service exited during start:\n${service.output}`);
      try {
        const response = await fetch(`${service.baseUrl}/health`);
        if (response.ok) return service;
      } catch {
        // Not listening yet.
      }
      await sleep(250);
    }
    await service.stop();
    throw new Error(`the service did not answer /health within 60 s:\n${service.output}`);
  }

  /** SIGTERM (the service shuts down gracefully and writes its CPU profile), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGTERM');
    const deadline = Date.now() + 15_000;
    while (!this.exited && Date.now() < deadline) await sleep(100);
    if (!this.exited) this.child.kill('SIGKILL');
  }
}
