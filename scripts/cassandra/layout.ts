import * as path from 'node:path';

/** Where everything of the local node tool lives, and the settings it runs with. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const POM_FILE = path.join(__dirname, 'pom.xml');
export const STATE_DIR = path.resolve(process.env.CASSANDRA_DEV_DIR ?? path.join(PROJECT_ROOT, '.cassandra'));
export const LIB_DIR = path.join(STATE_DIR, 'lib');

export const MAX_NODES = 3;
export const CLUSTER_NAME = 'messenger-dev';
export const DATA_CENTER = 'datacenter1';
export const STORAGE_PORT = 7000;

/** Balanced Murmur3 tokens for a ring of three, one token per node (as ccm does), so no node bootstraps. */
const THREE_NODE_TOKENS = ['-9223372036854775808', '-3074457345618258603', '3074457345618258602'];

export interface NodeLayout {
  readonly index: number;
  readonly name: string;
  readonly address: string;
  readonly dir: string;
  readonly configFile: string;
  readonly logbackFile: string;
  readonly pidFile: string;
  readonly logDir: string;
  readonly systemLog: string;
  readonly stdoutLog: string;
  /** Fixed per node, so a node keeps its place whether it was first started alone or in a ring of three. */
  readonly initialToken: string;
}

export function nodeLayout(index: number): NodeLayout {
  if (!Number.isInteger(index) || index < 1 || index > MAX_NODES) {
    throw new RangeError(`node index must be 1..${MAX_NODES}, got ${index}`);
  }
  const name = `node${index}`;
  const dir = path.join(STATE_DIR, name);
  const logDir = path.join(dir, 'logs');
  return {
    index,
    name,
    address: `127.0.0.${index}`,
    dir,
    configFile: path.join(dir, 'cassandra.yaml'),
    logbackFile: path.join(dir, 'logback.xml'),
    pidFile: path.join(dir, 'cassandra.pid'),
    logDir,
    systemLog: path.join(logDir, 'system.log'),
    stdoutLog: path.join(logDir, 'stdout.log'),
    initialToken: THREE_NODE_TOKENS[index - 1],
  };
}

export interface NodeSettings {
  /** CQL port, the same on every node's address. */
  readonly cqlPort: number;
  /** JVM heap, e.g. "512m" or "1g". */
  readonly heap: string;
  /** How long to wait for a node to answer CQL before giving up. */
  readonly startTimeoutMs: number;
}

export function defaultHeap(clusterSize: number): string {
  return clusterSize > 1 ? '512m' : '1g';
}

export function readSettings(clusterSize: number, overrides: Partial<NodeSettings> = {}): NodeSettings {
  const cqlPort = overrides.cqlPort ?? Number(process.env.CASSANDRA_PORT ?? 9042);
  if (!Number.isInteger(cqlPort) || cqlPort < 1 || cqlPort > 65535) {
    throw new RangeError(`CASSANDRA_PORT must be a port number, got "${process.env.CASSANDRA_PORT}"`);
  }
  const heap = overrides.heap ?? process.env.CASSANDRA_HEAP ?? defaultHeap(clusterSize);
  if (!/^\d+[mMgG]$/.test(heap)) {
    throw new RangeError(`heap must look like 512m or 1g, got "${heap}"`);
  }
  const startTimeoutMs =
    overrides.startTimeoutMs ?? Number(process.env.CASSANDRA_START_TIMEOUT_MS ?? 120_000);
  return { cqlPort, heap, startTimeoutMs };
}
