import { parseArgs } from 'node:util';
import { nodeCommand, reset, startCluster, status, stopNodes } from './cluster';
import { LauncherError } from './errors';

const USAGE = `Usage:
  npm run db:start [-- --nodes 1|2|3] [--heap 512m]   start a local node (or ring) and wait until CQL answers
  npm run db:stop                                     stop the nodes this tool started
  npm run db:status                                   what runs where
  npm run db:node -- stop|kill|start <n>              stop (drain), kill -9 or restart node n (fault tests)
  npm run db:reset [-- --jars]                        wipe the data of stopped nodes (and the copied jars)`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      nodes: { type: 'string' },
      heap: { type: 'string' },
      jars: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case 'start': {
      const nodes = values.nodes === undefined ? undefined : Number(values.nodes);
      const result = await startCluster({ nodes, heap: values.heap });
      if (result.jars?.resolvedNow) {
        console.log(
          `Server jars: ${result.jars.count} files, ${(result.jars.bytes / 1048576).toFixed(1)} MiB in ${result.jars.dir}`,
        );
      }
      console.log(`Cassandra ${result.releaseVersion} ready at ${result.contactPoints.join(', ')}`);
      return;
    }
    case 'stop':
      await stopNodes();
      return;
    case 'status':
      await status();
      return;
    case 'node': {
      const [action, index] = rest;
      if (!action || !index || !/^[1-3]$/.test(index))
        throw new LauncherError('Usage: npm run db:node -- stop|kill|start <1|2|3>');
      await nodeCommand(action, Number(index));
      return;
    }
    case 'reset':
      reset({ jars: values.jars });
      return;
    default:
      throw new LauncherError(`Unknown command "${command}".\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof LauncherError) {
    console.error(`\nError: ${error.message}`);
    if (error.details) console.error(error.details);
  } else {
    console.error(error);
  }
  process.exit(1);
});
