import { startCluster } from '../cassandra/cluster';
import { generatorPlan } from './generator-plan';
import { parseSeedCommand, USAGE } from './options';
import { KeyspaceTakenError, seedKeyspace } from './seed-keyspace';
import { buildService } from './service-build';
import { openServiceContext } from './service-context';

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const command = parseSeedCommand(process.argv.slice(2), process.env);
  const { users, conversations, messages, days } = command.parameters;
  console.log(
    `Seeding keyspace ${command.keyspace}: ${messages} messages in ${conversations} conversations among ${users} users, ` +
      `over ${days} days, ${command.concurrency} writes in flight`,
  );
  // Starts the local node unless one already answers (then it does nothing).
  await startCluster({ log: (line) => console.log(line) });
  if (command.build) {
    console.log('Building the service (dist/) ...');
    buildService();
  }
  const plan = generatorPlan(command.parameters, Date.now());
  const context = await openServiceContext(command.keyspace);
  try {
    const outcome = await seedKeyspace(context, plan, { concurrency: command.concurrency });
    if (outcome.kind === 'already-seeded') {
      console.log(
        `Already seeded with these parameters (finished ${outcome.finishedAt.toISOString()}); nothing written.\n` +
          outcome.summary,
      );
    } else {
      console.log(`Done.\n${outcome.summary}`);
    }
  } finally {
    await context.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof KeyspaceTakenError || error instanceof RangeError) {
    console.error(`seed: ${error.message}`);
    if (error instanceof RangeError) console.error(`\n${USAGE}`);
  } else {
    console.error('seed failed:', error);
  }
  process.exit(1);
});
