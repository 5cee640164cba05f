/** npm run redis:start | redis:stop: the local Redis of development and tests (see local-redis.ts). */
import { RedisLaunchError, startRedis, stopRedis } from './local-redis';

const action = process.argv[2];
const run = action === 'start' ? startRedis() : action === 'stop' ? stopRedis() : undefined;
if (!run) {
  console.error('Usage: tsx scripts/redis/cli.ts start|stop');
  process.exit(2);
}
run.catch((error: unknown) => {
  console.error(error instanceof RedisLaunchError ? error.message : error);
  process.exit(1);
});
