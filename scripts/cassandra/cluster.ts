import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { resolveServerJars, ServerJars } from './classpath';
import { askCassandra, portIsOpen } from './cql-probe';
import { LauncherError } from './errors';
import { findJava, JavaRuntime } from './java';
import {
  LIB_DIR,
  MAX_NODES,
  NodeLayout,
  NodeSettings,
  STATE_DIR,
  STORAGE_PORT,
  nodeLayout,
  readSettings,
} from './layout';
import { jvmArguments, writeNodeFiles } from './node-config';
import { isAlive, lastLogLines, launchNode, runningPid, stopNode } from './node-process';

export type Log = (line: string) => void;

const CLUSTER_FILE = path.join(STATE_DIR, 'cluster.json');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ClusterRecord {
  readonly nodes: number;
  readonly heap: string;
  readonly cqlPort: number;
}

function readClusterRecord(): ClusterRecord | undefined {
  if (!existsSync(CLUSTER_FILE)) return undefined;
  return JSON.parse(readFileSync(CLUSTER_FILE, 'utf8')) as ClusterRecord;
}

/** The CQL port a node was started with, from its own cassandra.yaml. */
function configuredCqlPort(node: NodeLayout): number | undefined {
  if (!existsSync(node.configFile)) return undefined;
  const match = /^native_transport_port: (\d+)$/m.exec(readFileSync(node.configFile, 'utf8'));
  return match ? Number(match[1]) : undefined;
}

function existingNodes(): NodeLayout[] {
  return Array.from({ length: MAX_NODES }, (_, i) => nodeLayout(i + 1)).filter((node) =>
    existsSync(node.dir),
  );
}

export interface StartOptions {
  readonly nodes?: number;
  readonly heap?: string;
  readonly log?: Log;
}

export interface StartResult {
  /** Nodes this call launched; the others already answered. */
  readonly started: NodeLayout[];
  readonly jars?: ServerJars;
  readonly releaseVersion: string;
  readonly contactPoints: string[];
}

/** Lazily found once per start: a start that only finds running nodes needs neither Java nor Maven. */
class Runtime {
  private java?: JavaRuntime;
  jars?: ServerJars;
  constructor(private readonly log: Log) {}
  get(): { java: JavaRuntime; jars: ServerJars } {
    this.java ??= findJava();
    this.jars ??= resolveServerJars(this.log);
    return { java: this.java, jars: this.jars };
  }
}

async function assertPortsFree(node: NodeLayout, settings: NodeSettings): Promise<void> {
  for (const [port, what] of [
    [settings.cqlPort, 'CQL'],
    [STORAGE_PORT, 'storage (gossip)'],
  ] as const) {
    if (await portIsOpen(node.address, port)) {
      throw new LauncherError(
        `Port ${port} on ${node.address} (${what}) is taken by something that is not a Cassandra node this tool runs. ` +
          'Stop that program, or set CASSANDRA_PORT to a free port for the CQL port.',
      );
    }
  }
}

/** Waits for CQL; a node this call launched is killed if it never answers, one it found is left running. */
async function waitUntilReady(
  node: NodeLayout,
  pid: number,
  settings: NodeSettings,
  launchedNow: boolean,
): Promise<string> {
  const deadline = Date.now() + settings.startTimeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new LauncherError(
        `Cassandra ${node.name} exited during start; see its log below.`,
        lastLogLines(node),
      );
    }
    const answer = await askCassandra(node.address, settings.cqlPort, 2000);
    if (answer) return answer.releaseVersion;
    await sleep(500);
  }
  if (launchedNow) await stopNode(node, 'SIGKILL');
  throw new LauncherError(
    `Cassandra ${node.name} did not answer CQL within ${settings.startTimeoutMs / 1000} s${launchedNow ? ' and was stopped' : ''} ` +
      '(raise CASSANDRA_START_TIMEOUT_MS on a slow machine).',
    lastLogLines(node),
  );
}

async function startNode(node: NodeLayout, settings: NodeSettings, runtime: Runtime, log: Log) {
  const answer = await askCassandra(node.address, settings.cqlPort);
  const ours = runningPid(node);
  if (answer) {
    log(
      ours
        ? `${node.name} already runs on ${node.address}:${settings.cqlPort} (pid ${ours}, Cassandra ${answer.releaseVersion}).`
        : `A Cassandra ${answer.releaseVersion} not started by this tool already answers on ${node.address}:${settings.cqlPort}; leaving it alone.`,
    );
    return { launched: false, releaseVersion: answer.releaseVersion };
  }
  if (ours) {
    const runningPort = configuredCqlPort(node);
    if (runningPort !== undefined && runningPort !== settings.cqlPort) {
      throw new LauncherError(
        `${node.name} already runs (pid ${ours}) with CQL on port ${runningPort}, not ${settings.cqlPort}. ` +
          `Use CASSANDRA_PORT=${runningPort}, or stop it first with npm run db:stop.`,
      );
    }
    log(`${node.name} (pid ${ours}) is still starting; waiting for it ...`);
    return { launched: false, releaseVersion: await waitUntilReady(node, ours, settings, false) };
  }
  await assertPortsFree(node, settings);
  const { java, jars } = runtime.get();
  mkdirSync(node.dir, { recursive: true });
  writeNodeFiles(node, settings);
  const startedAt = Date.now();
  const pid = launchNode(node, java.binary, jvmArguments(node, settings, jars.dir, jars.jamm));
  log(
    `Starting ${node.name} on ${node.address}:${settings.cqlPort} (pid ${pid}, heap ${settings.heap}, Java ${java.major}) ...`,
  );
  const releaseVersion = await waitUntilReady(node, pid, settings, true);
  log(
    `${node.name} answers CQL: Cassandra ${releaseVersion}, ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`,
  );
  return { launched: true, releaseVersion };
}

async function waitForRing(nodes: NodeLayout[], settings: NodeSettings, log: Log): Promise<void> {
  const deadline = Date.now() + settings.startTimeoutMs;
  for (const node of nodes) {
    const others = nodes.filter((other) => other !== node).map((other) => other.address);
    for (;;) {
      const answer = await askCassandra(node.address, settings.cqlPort);
      const missing = others.filter((address) => !answer?.peers.includes(address));
      if (missing.length === 0) break;
      if (Date.now() > deadline) {
        throw new LauncherError(
          `${node.name} does not see ${missing.join(', ')} as peers; the ring did not form.`,
          lastLogLines(node),
        );
      }
      await sleep(500);
    }
  }
  log(`Ring of ${nodes.length}: every node lists the others in system.peers_v2.`);
}

/** Starts nodes 1..N one after another (each once the previous answers), as on two cores they compete. */
export async function startCluster(options: StartOptions = {}): Promise<StartResult> {
  const log = options.log ?? console.log;
  const clusterSize = options.nodes ?? 1;
  if (!Number.isInteger(clusterSize) || clusterSize < 1 || clusterSize > MAX_NODES) {
    throw new LauncherError(`--nodes must be 1, 2 or 3 (got ${options.nodes}).`);
  }
  const settings = readSettings(clusterSize, { heap: options.heap });
  const runtime = new Runtime(log);
  const nodes = Array.from({ length: clusterSize }, (_, i) => nodeLayout(i + 1));
  const started: NodeLayout[] = [];
  let releaseVersion = '';
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(
    CLUSTER_FILE,
    JSON.stringify({ nodes: clusterSize, heap: settings.heap, cqlPort: settings.cqlPort }),
  );
  try {
    for (const node of nodes) {
      const result = await startNode(node, settings, runtime, log);
      if (result.launched) started.push(node);
      releaseVersion = result.releaseVersion;
    }
    if (clusterSize > 1) await waitForRing(nodes, settings, log);
  } catch (error) {
    // Leave nothing half-started behind: stop what this call launched, and only that.
    await Promise.all(started.map((node) => stopNode(node, 'SIGKILL')));
    throw error;
  }
  return {
    started,
    jars: runtime.jars,
    releaseVersion,
    contactPoints: nodes.map((node) => `${node.address}:${settings.cqlPort}`),
  };
}

/** Stops the nodes whose pid files this tool wrote, and nothing else. */
export async function stopNodes(
  nodes: NodeLayout[] = existingNodes(),
  log: Log = console.log,
): Promise<void> {
  const results = await Promise.all(
    nodes.map(async (node) => {
      const pid = runningPid(node);
      const stopped = await stopNode(node, 'SIGTERM');
      return { node, pid, stopped };
    }),
  );
  for (const { node, pid, stopped } of results) {
    if (stopped) log(`Stopped ${node.name} (pid ${pid}).`);
  }
  if (!results.some((result) => result.stopped)) log('No Cassandra node started by this tool is running.');
}

export async function status(log: Log = console.log): Promise<void> {
  const record = readClusterRecord();
  const port = record?.cqlPort ?? readSettings(1).cqlPort;
  const nodes = existingNodes();
  if (nodes.length === 0) {
    log(`No node has been set up yet in ${STATE_DIR}. Start one with: npm run db:start`);
  }
  for (const node of nodes) {
    const pid = runningPid(node);
    const answer = await askCassandra(node.address, port);
    const state = answer
      ? `up, Cassandra ${answer.releaseVersion}, peers [${answer.peers.join(', ')}]`
      : pid
        ? 'starting or not answering'
        : 'stopped';
    log(
      `${node.name}  ${node.address}:${port}  ${pid ? `pid ${pid}` : 'no pid'}  ${state}  data ${node.dir}`,
    );
  }
  if (existsSync(LIB_DIR)) log(`Server jars: ${LIB_DIR}`);
}

/** Fault injection for one node of a running cluster: stop (drain), kill (SIGKILL) or start it again. */
export async function nodeCommand(action: string, index: number, log: Log = console.log): Promise<void> {
  const record = readClusterRecord();
  const node = nodeLayout(index);
  switch (action) {
    case 'stop':
    case 'kill': {
      const pid = runningPid(node);
      if (!(await stopNode(node, action === 'kill' ? 'SIGKILL' : 'SIGTERM'))) {
        log(`${node.name} is not running.`);
        return;
      }
      log(`${action === 'kill' ? 'Killed' : 'Stopped'} ${node.name} (pid ${pid}).`);
      return;
    }
    case 'start': {
      const clusterSize = Math.max(record?.nodes ?? 1, index);
      const settings = readSettings(clusterSize, { heap: record?.heap, cqlPort: record?.cqlPort });
      await startNode(node, settings, new Runtime(log), log);
      return;
    }
    default:
      throw new LauncherError(`Unknown node action "${action}": use stop, kill or start.`);
  }
}

/** Wipes the data of stopped nodes; a running node is left as it is. */
export function reset(options: { jars?: boolean }, log: Log = console.log): void {
  for (const node of existingNodes()) {
    if (runningPid(node)) {
      log(`${node.name} is running: stop it first (npm run db:stop); its data was kept.`);
      continue;
    }
    rmSync(node.dir, { recursive: true, force: true });
    log(`Wiped ${node.dir}.`);
  }
  if (existingNodes().length === 0) rmSync(CLUSTER_FILE, { force: true });
  if (options.jars) {
    rmSync(LIB_DIR, { recursive: true, force: true });
    log(`Removed ${LIB_DIR}; the next start copies the jars again from the Maven cache.`);
  }
}
