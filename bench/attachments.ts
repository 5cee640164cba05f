/**
 * Attachments through the built service (npm run bench:attachments): uploads and downloads of 1 MiB and
 * 25 MiB files, one at a time, against a fresh keyspace of the local node. Reports the time of each, the
 * throughput, and the service's largest resident set meanwhile, which shows that no request holds a whole
 * file. Writes bench/results/attachments.md.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'cassandra-driver';
import { LatencyRecorder } from './latency';
import { ProcessSampler } from './process-sampler';
import { ServiceProcess } from './service-process';

const RESULTS = path.join(__dirname, 'results', 'attachments.md');
const KEYSPACE = `bench_attachments_${Date.now().toString(36)}`;
const MIB = 1024 * 1024;
const SIZES = [
  { bytes: MIB, rounds: 40 },
  { bytes: 25 * MIB, rounds: 8 },
];

interface Row {
  readonly label: string;
  readonly p50: number;
  readonly p99: number;
  readonly mibPerSecond: number;
}

async function main(): Promise<void> {
  const service = await ServiceProcess.start(KEYSPACE);
  const sampler = new ProcessSampler({ service: service.pid });
  try {
    const register = await fetch(`${service.baseUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'benchfiles', password: 'bench password 1' }),
    });
    const { access_token: token } = (await register.json()) as { access_token: string };
    const auth = { authorization: `Bearer ${token}` };
    const rows: Row[] = [];
    const idleRss = sampleRss(service.pid);
    sampler.start();
    for (const { bytes, rounds } of SIZES) {
      const file = randomBytes(bytes);
      const digest = createHash('sha256').update(file).digest('hex');
      const uploads = new LatencyRecorder();
      const downloads = new LatencyRecorder();
      for (let round = 0; round < rounds; round += 1) {
        let started = performance.now();
        const uploaded = await fetch(`${service.baseUrl}/api/attachments?name=bench.bin`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/octet-stream' },
          body: file,
        });
        if (uploaded.status !== 201) throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
        const { id } = (await uploaded.json()) as { id: string };
        uploads.record(performance.now() - started);
        started = performance.now();
        const downloaded = Buffer.from(
          await (await fetch(`${service.baseUrl}/api/attachments/${id}`, { headers: auth })).arrayBuffer(),
        );
        downloads.record(performance.now() - started);
        if (createHash('sha256').update(downloaded).digest('hex') !== digest) throw new Error('bytes differ');
      }
      for (const [kind, recorder] of [
        ['upload', uploads],
        ['download', downloads],
      ] as const) {
        const summary = recorder.summary();
        rows.push({
          label: `${kind} of ${bytes / MIB} MiB`,
          p50: summary.p50,
          p99: summary.p99,
          mibPerSecond: bytes / MIB / (summary.p50 / 1000),
        });
      }
    }
    const usage = sampler.stop().processes.service;
    const report = [
      '# Attachments through the service',
      '',
      `One request at a time on a fresh keyspace; ${SIZES.map((s) => `${s.rounds} files of ${s.bytes / MIB} MiB`).join(', ')}, each uploaded then downloaded and checked by SHA-256.`,
      '',
      '| request | p50 ms | p99 ms | MiB/s at p50 |',
      '| --- | ---: | ---: | ---: |',
      ...rows.map(
        (r) => `| ${r.label} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.mibPerSecond.toFixed(1)} |`,
      ),
      '',
      `Service resident set: ${idleRss.toFixed(0)} MiB idle, ${usage?.rss_peak_mb ?? '?'} MiB at most during the run; ` +
        `CPU ${usage?.cpu_avg_pct ?? '?'} % of a core on average.`,
      '',
    ].join('\n');
    writeFileSync(RESULTS, report);
    process.stdout.write(report);
  } finally {
    await service.stop();
    const db = new Client({ contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1' });
    await db.connect();
    await db.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`);
    await db.shutdown();
  }
}

function sampleRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0) / 1024;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
