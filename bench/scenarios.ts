import { Client } from 'cassandra-driver';
import { messageContent } from '../scripts/seed/content';
import { seededRandom } from '../scripts/seed/random';
import { DEEP, LIST, PAIRS, sendPair } from './bench-plan';
import { driverHistoryHead, driverSend, HISTORY_LIMIT, sendDirection } from './driver/driver-workloads';
import { DriverScenario } from './driver/driver-load';
import { driverListHead } from './driver/list-workload';
import { RepositoryCql } from './driver/repository-cql';
import { HttpRequestSpec, HttpScenario } from './http-load';
import { paths, Targets } from './targets';

export type Scenario = (({ via: 'http' } & HttpScenario) | ({ via: 'driver' } & DriverScenario)) & {
  /**
   * Scenarios compared with this one: it is measured in two halves, one before them and one after, so
   * that drift of the machine during the run weighs on both sides of the comparison alike.
   */
  readonly bracketing?: readonly string[];
};

/** Message texts for every send of the run, made once so the load generator does not spend time on them. */
export function contentPool(): string[] {
  const random = seededRandom(99);
  return Array.from({ length: 512 }, () => messageContent(random));
}

function sendRequest(index: number, contents: readonly string[]): HttpRequestSpec {
  const { senderId, receiverId } = sendDirection(index);
  return {
    kind: 'send',
    method: 'POST',
    path: '/api/messages',
    body: JSON.stringify({
      sender_id: senderId,
      receiver_id: receiverId,
      content: contents[index % contents.length],
    }),
  };
}

/**
 * Every scenario in run order. API scenarios and their driver baselines run back to back, so a ratio
 * compares figures taken minutes, not tens of minutes, apart on a machine whose speed drifts.
 */
export function scenarios(
  targets: Targets,
  contents: readonly string[],
  client: Client,
  cql: RepositoryCql,
): Scenario[] {
  let sends = 0;
  const mixedRandom = seededRandom(5);
  let mixedSends = 0;
  return [
    {
      via: 'http',
      id: 'send',
      title: `Send (POST /api/messages), ${PAIRS.count.toLocaleString('en-US')} pairs in turn`,
      request: () => sendRequest(sends++, contents),
    },
    {
      via: 'driver',
      id: 'driver_send',
      title: 'Baseline: the CQL of one send, through the driver',
      operation: driverSend(client, cql, contents),
    },
    {
      via: 'http',
      id: 'history_head',
      bracketing: ['history_deep_cursor', 'history_deep_before'],
      title: `History, first page (${HISTORY_LIMIT} of ${(DEEP.perDay * DEEP.days).toLocaleString('en-US')})`,
      request: { kind: 'history_head', method: 'GET', path: paths.historyHead },
    },
    {
      via: 'driver',
      id: 'driver_history_head',
      title: 'Baseline: the CQL of one first-page read, through the driver',
      operation: driverHistoryHead(client, cql),
    },
    {
      via: 'http',
      id: 'history_deep_cursor',
      title: `History, ${DEEP.depth.toLocaleString('en-US')} messages back, by cursor`,
      request: {
        kind: 'history_deep_cursor',
        method: 'GET',
        path: paths.historyByCursor(targets.historyCursor),
      },
    },
    {
      via: 'http',
      id: 'history_deep_before',
      title: `History, ${DEEP.depth.toLocaleString('en-US')} messages back, by before_timestamp`,
      request: {
        kind: 'history_deep_before',
        method: 'GET',
        path: paths.historyBefore(targets.historyBefore),
      },
    },
    {
      via: 'http',
      id: 'conversations_head',
      bracketing: ['conversations_deep_cursor'],
      title: `Conversation list, first page (${HISTORY_LIMIT} of ${LIST.conversations.toLocaleString('en-US')})`,
      request: { kind: 'conversations_head', method: 'GET', path: paths.listHead },
    },
    {
      via: 'driver',
      id: 'driver_conversations_head',
      title: 'Baseline: the CQL of one first list page, unread counts included, through the driver',
      operation: driverListHead(client, cql),
    },
    {
      via: 'http',
      id: 'conversations_deep_cursor',
      title: `Conversation list, ${LIST.depth.toLocaleString('en-US')} conversations deep, by cursor`,
      request: {
        kind: 'conversations_deep_cursor',
        method: 'GET',
        path: paths.listByCursor(targets.listCursor),
      },
    },
    {
      via: 'http',
      id: 'mixed',
      title: 'Mixed: 40% history first pages, 40% list first pages, 20% sends',
      request: () => {
        const draw = mixedRandom();
        // Sends continue the pairs' rotation where the send scenario left it.
        if (draw < 0.2) return sendRequest(sends + mixedSends++, contents);
        const pair = Math.floor(mixedRandom() * PAIRS.count);
        if (draw < 0.6) return { kind: 'history_head', method: 'GET', path: paths.pairHistory(pair) };
        const { a, b } = sendPair(pair);
        return { kind: 'conversations_head', method: 'GET', path: paths.userList(draw < 0.8 ? a : b) };
      },
    },
  ];
}
