import { Client } from 'cassandra-driver';
import { spawnSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import * as os from 'node:os';
import { findJava } from '../scripts/cassandra/java';

export interface Machine {
  readonly cpu_model: string;
  readonly cores: number;
  readonly memory_gb: number;
  readonly os: string;
  readonly node: string;
  readonly java: string;
  readonly cassandra: string;
  readonly cassandra_driver: string;
  readonly autocannon: string;
  /** Load average when the run began: other work on a shared machine shows here. */
  readonly load_average_at_start: number[];
}

function packageVersion(name: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** The version of the Java that runs the node (the one the node tool would pick when the node is not ours). */
function javaVersion(cassandraPid: number | undefined): string {
  try {
    const binary = cassandraPid ? readlinkSync(`/proc/${cassandraPid}/exe`) : findJava().binary;
    const output = spawnSync(binary, ['-version'], { encoding: 'utf8' });
    return `${output.stderr}${output.stdout}`.split('\n')[0].trim();
  } catch (error) {
    return `unknown (${(error as Error).message})`;
  }
}

/** The machine and the versions the figures were taken with. */
export async function describeMachine(client: Client, cassandraPid: number | undefined): Promise<Machine> {
  const release = (await client.execute('SELECT release_version FROM system.local')).first();
  const cpus = os.cpus();
  return {
    cpu_model: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memory_gb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    java: javaVersion(cassandraPid),
    cassandra: String(release?.get('release_version') ?? 'unknown'),
    cassandra_driver: packageVersion('cassandra-driver'),
    autocannon: packageVersion('autocannon'),
    load_average_at_start: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}
