import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Client } from 'cassandra-driver';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type * as AppModuleFile from '../../src/app.module';
import type * as TokensFile from '../../src/cassandra/cassandra.tokens';
import type * as ClockFile from '../../src/common/time/clock';
import type * as ConversationsServiceFile from '../../src/conversations/conversations.service';
import type * as GroupsServiceFile from '../../src/conversations/groups.service';
import type * as MessagesRepositoryFile from '../../src/messages/messages.repository';
import type * as HistoryServiceFile from '../../src/messages/history.service';
import type * as MessagesServiceFile from '../../src/messages/messages.service';
import type * as UsersServiceFile from '../../src/users/users.service';
import type * as ConversationListsServiceFile from '../../src/read-state/conversation-lists.service';
import type * as ReadStateServiceFile from '../../src/read-state/read-state.service';
import { SeedClock } from './seed-clock';
import { DIST_DIR } from './service-build';

/** The data generator acts as a trusted backend would, through an API key. */
export const SEED_CALLER = { kind: 'service', keyName: 'seed' } as const;

/** The service's own providers, as the running API has them, for writing data the way it does. */
export interface ServiceContext {
  readonly keyspace: string;
  readonly messages: MessagesServiceFile.MessagesService;
  readonly history: HistoryServiceFile.HistoryService;
  readonly conversations: ConversationsServiceFile.ConversationsService;
  readonly groups: GroupsServiceFile.GroupsService;
  readonly users: UsersServiceFile.UsersService;
  readonly messagesRepository: MessagesRepositoryFile.MessagesRepository;
  /** Lists and details with unread counts, and read positions (the benches read through them). */
  readonly lists: ConversationListsServiceFile.ConversationListsService;
  readonly readState: ReadStateServiceFile.ReadStateService;
  /** The service's clock: `clock.at(time, () => messages.send(...))` sends at that time. */
  readonly clock: SeedClock;
  /** The service's connected client, for the seed marker and checks. */
  readonly client: Client;
  close(): Promise<void>;
}

function fromDist<T>(file: string): T {
  // The compiled build, not the sources: Nest's injection needs the constructor types tsc emits.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(DIST_DIR, file)) as T;
}

/**
 * Boots the service's modules without HTTP on `keyspace`: the service connects, creates the keyspace
 * and applies its migrations exactly as at start-up. Its configuration is read from the environment
 * when AppModule is first loaded, so one process opens one keyspace.
 */
export async function openServiceContext(keyspace: string): Promise<ServiceContext> {
  if (!existsSync(path.join(DIST_DIR, 'app.module.js'))) {
    throw new Error('dist/ holds no build of the service; build it first (npm run build)');
  }
  process.env.CASSANDRA_KEYSPACE = keyspace;
  process.env.LOG_LEVEL ??= 'warn';
  const { AppModule } = fromDist<typeof AppModuleFile>('app.module.js');
  const { CASSANDRA_CLIENT } = fromDist<typeof TokensFile>('cassandra/cassandra.tokens.js');
  const { MessagesService } = fromDist<typeof MessagesServiceFile>('messages/messages.service.js');
  const { HistoryService } = fromDist<typeof HistoryServiceFile>('messages/history.service.js');
  const { MessagesRepository } = fromDist<typeof MessagesRepositoryFile>('messages/messages.repository.js');
  const { ConversationsService } = fromDist<typeof ConversationsServiceFile>(
    'conversations/conversations.service.js',
  );
  const { UsersService } = fromDist<typeof UsersServiceFile>('users/users.service.js');
  const { GroupsService } = fromDist<typeof GroupsServiceFile>('conversations/groups.service.js');
  const { Clock } = fromDist<typeof ClockFile>('common/time/clock.js');
  const { ConversationListsService } = fromDist<typeof ConversationListsServiceFile>(
    'read-state/conversation-lists.service.js',
  );
  const { ReadStateService } = fromDist<typeof ReadStateServiceFile>('read-state/read-state.service.js');
  const clock = new SeedClock();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  moduleRef.useLogger(['error', 'warn']);
  const app: INestApplicationContext = await moduleRef.init();
  return {
    keyspace,
    messages: app.get(MessagesService),
    history: app.get(HistoryService),
    conversations: app.get(ConversationsService),
    groups: app.get(GroupsService),
    users: app.get(UsersService),
    messagesRepository: app.get(MessagesRepository),
    lists: app.get(ConversationListsService),
    readState: app.get(ReadStateService),
    clock,
    client: app.get<symbol, Client>(CASSANDRA_CLIENT),
    close: () => app.close(),
  };
}
