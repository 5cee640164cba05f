import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLUSTER_NAME, NodeLayout, NodeSettings, STORAGE_PORT, nodeLayout } from './layout';

/** The JPMS flags of Cassandra 5.0's conf/jvm17-server.options: the server reaches into JDK internals. */
const ADD_EXPORTS = [
  'java.base/jdk.internal.misc',
  'java.management.rmi/com.sun.jmx.remote.internal.rmi',
  'java.management/com.sun.jmx.remote.security',
  'java.rmi/sun.rmi.registry',
  'java.rmi/sun.rmi.server',
  'java.sql/java.sql',
  'java.base/java.lang.ref',
  'jdk.unsupported/sun.misc',
];
const ADD_OPENS = [
  'java.base/java.lang.module',
  'java.base/jdk.internal.loader',
  'java.base/jdk.internal.ref',
  'java.base/jdk.internal.reflect',
  'java.base/jdk.internal.math',
  'java.base/jdk.internal.module',
  'java.base/jdk.internal.util.jar',
  'jdk.management/com.sun.management.internal',
  'java.base/sun.nio.ch',
  'java.base/java.io',
  'java.base/java.lang.reflect',
  'java.base/java.lang',
  'java.base/java.util',
  'java.base/java.nio',
];

/**
 * Node n seeds on nodes 1..n. Node 1 is then a lone seed and starts at once, instead of waiting
 * about 30 s for seeds that are not up yet; later nodes join through the ones started before them.
 */
function seeds(node: NodeLayout): string {
  return Array.from({ length: node.index }, (_, i) => `${nodeLayout(i + 1).address}:${STORAGE_PORT}`).join(
    ',',
  );
}

/** A cassandra.yaml with 5.0 key names; the loader rejects unknown or duplicated keys. */
export function cassandraYaml(node: NodeLayout, settings: NodeSettings): string {
  const dir = (name: string) => JSON.stringify(path.join(node.dir, name));
  const lines = [
    `cluster_name: ${CLUSTER_NAME}`,
    'num_tokens: 1',
    `initial_token: "${node.initialToken}"`,
    // Every node is a seed and owns a precomputed token, so none streams or waits out the ring delay.
    'auto_bootstrap: false',
    'partitioner: org.apache.cassandra.dht.Murmur3Partitioner',
    'endpoint_snitch: SimpleSnitch',
    'seed_provider:',
    '  - class_name: org.apache.cassandra.locator.SimpleSeedProvider',
    '    parameters:',
    `      - seeds: "${seeds(node)}"`,
    `listen_address: ${node.address}`,
    `rpc_address: ${node.address}`,
    `storage_port: ${STORAGE_PORT}`,
    `native_transport_port: ${settings.cqlPort}`,
    'start_native_transport: true',
    'data_file_directories:',
    `  - ${dir('data')}`,
    `commitlog_directory: ${dir('commitlog')}`,
    `saved_caches_directory: ${dir('saved_caches')}`,
    `hints_directory: ${dir('hints')}`,
    `cdc_raw_directory: ${dir('cdc_raw')}`,
    'commitlog_sync: periodic',
    'commitlog_sync_period: 10000ms',
    'commitlog_segment_size: 8MiB',
    'auto_snapshot: false',
    'concurrent_compactors: 1',
    'compaction_throughput: 64MiB/s',
    '',
  ];
  return lines.join('\n');
}

function logbackXml(node: NodeLayout): string {
  return `<configuration scan="false">
  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
    <file>${node.systemLog}</file>
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>
  </appender>
  <logger name="org.apache.cassandra" level="INFO"/>
  <root level="WARN"><appender-ref ref="FILE"/></root>
</configuration>
`;
}

export function writeNodeFiles(node: NodeLayout, settings: NodeSettings): void {
  for (const sub of ['data', 'commitlog', 'saved_caches', 'hints', 'cdc_raw', 'logs']) {
    mkdirSync(path.join(node.dir, sub), { recursive: true });
  }
  writeFileSync(node.configFile, cassandraYaml(node, settings));
  writeFileSync(node.logbackFile, logbackXml(node));
}

/** The java command line of one node; each flag is its own argument when spawned from Node. */
export function jvmArguments(
  node: NodeLayout,
  settings: NodeSettings,
  libDir: string,
  jammJar: string,
): string[] {
  return [
    `-Xms${settings.heap}`,
    `-Xmx${settings.heap}`,
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    '-Xss512k',
    ...ADD_EXPORTS.flatMap((module) => ['--add-exports', `${module}=ALL-UNNAMED`]),
    ...ADD_OPENS.flatMap((module) => ['--add-opens', `${module}=ALL-UNNAMED`]),
    '-Dio.netty.tryReflectionSetAccessible=true',
    `-javaagent:${jammJar}`,
    `-Dcassandra.config=file://${node.configFile}`,
    `-Dcassandra.storagedir=${node.dir}`,
    `-Dcassandra.logdir=${node.logDir}`,
    `-Dlogback.configurationFile=${node.logbackFile}`,
    // Keeps stdout open (the daemon closes it otherwise) so a crash at start is in stdout.log.
    '-Dcassandra-foreground=yes',
    '-Dchronicle.analytics.disable=true',
    '-Djdk.attach.allowAttachSelf=true',
    '-Djava.net.preferIPv4Stack=true',
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    '-cp',
    `${libDir}/*`,
    'org.apache.cassandra.service.CassandraDaemon',
  ];
}
