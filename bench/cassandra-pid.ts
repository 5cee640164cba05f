import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { nodeLayout } from '../scripts/cassandra/layout';
import { runningPid } from '../scripts/cassandra/node-process';

/** Inodes of the sockets listening on `port`, from /proc/net/tcp and tcp6 (state 0A is LISTEN). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      if (fields.length > 9 && fields[1].endsWith(`:${hexPort}`) && fields[3] === '0A') inodes.add(fields[9]);
    }
  }
  return inodes;
}

/** The process that listens on `port`, found through its socket's inode; undefined if it cannot be seen. */
function pidListeningOn(port: number): number | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        const target = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (target && inodes.has(target[1])) return Number(entry);
      }
    } catch {
      // The process ended, or its descriptors are not ours to read.
    }
  }
  return undefined;
}

/**
 * The pid of the Cassandra node the bench measures against, for sampling its CPU: the node this project's
 * tool runs, else whatever listens on the CQL port (a node started from another checkout, for instance).
 */
export function findCassandraPid(cqlPort: number): number | undefined {
  return runningPid(nodeLayout(1)) ?? pidListeningOn(cqlPort);
}
