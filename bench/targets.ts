import { deepConversationId, DEEP, LIST, pairConversationId } from './bench-plan';
import { BENCH_HEADERS } from './bench-credentials';
import { HISTORY_LIMIT } from './driver/driver-workloads';

/** What the deep scenarios request, found by walking the lists once through the API before measuring. */
export interface Targets {
  /** next_cursor after DEEP.depth messages of the deep conversation. */
  readonly historyCursor: string;
  /** created_at of the DEEP.depth-th message: /before with it reads the same page as the cursor. */
  readonly historyBefore: string;
  /** next_cursor after LIST.depth conversations of the listed user. */
  readonly listCursor: string;
}

interface PageBody {
  readonly total: number;
  readonly data: { id?: string; created_at?: string; conversation_id?: string }[];
  readonly next_cursor: string | null;
}

async function getPage(baseUrl: string, path: string): Promise<PageBody> {
  const response = await fetch(baseUrl + path, { headers: BENCH_HEADERS });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as PageBody;
}

/** Walks `depth` items down a list, 100 per page, and returns the last page read. */
async function walk(baseUrl: string, path: string, depth: number): Promise<PageBody> {
  const separator = path.includes('?') ? '&' : '?';
  let page = await getPage(baseUrl, `${path}${separator}limit=100`);
  for (let read = page.data.length; read < depth; read += page.data.length) {
    if (!page.next_cursor) throw new Error(`${path} ends after ${read} items, before ${depth}`);
    page = await getPage(baseUrl, `${path}${separator}limit=100&cursor=${page.next_cursor}`);
  }
  return page;
}

export const paths = {
  historyHead: `/api/messages/conversation/${deepConversationId}?limit=${HISTORY_LIMIT}`,
  historyByCursor: (cursor: string) =>
    `/api/messages/conversation/${deepConversationId}?limit=${HISTORY_LIMIT}&cursor=${cursor}`,
  historyBefore: (instant: string) =>
    `/api/messages/conversation/${deepConversationId}/before?before_timestamp=${encodeURIComponent(instant)}&limit=${HISTORY_LIMIT}`,
  listHead: `/api/conversations/user/${LIST.userId}?limit=${HISTORY_LIMIT}`,
  listByCursor: (cursor: string) =>
    `/api/conversations/user/${LIST.userId}?limit=${HISTORY_LIMIT}&cursor=${cursor}`,
  pairHistory: (index: number) =>
    `/api/messages/conversation/${pairConversationId(index)}?limit=${HISTORY_LIMIT}`,
  userList: (userId: number) => `/api/conversations/user/${userId}?limit=${HISTORY_LIMIT}`,
};

/**
 * Finds the deep positions and checks that each scenario's request returns a full page (and that the
 * cursor and the timestamp reach the same page), so no scenario measures an empty or short answer.
 */
export async function findTargets(baseUrl: string): Promise<Targets> {
  const history = await walk(baseUrl, `/api/messages/conversation/${deepConversationId}`, DEEP.depth);
  const lastRead = history.data[history.data.length - 1];
  if (!history.next_cursor || !lastRead?.created_at)
    throw new Error('the deep conversation is shorter than expected');
  const list = await walk(baseUrl, `/api/conversations/user/${LIST.userId}`, LIST.depth);
  if (!list.next_cursor) throw new Error('the listed user has fewer conversations than expected');
  const found: Targets = {
    historyCursor: history.next_cursor,
    historyBefore: lastRead.created_at,
    listCursor: list.next_cursor,
  };

  const head = await getPage(baseUrl, paths.historyHead);
  const byCursor = await getPage(baseUrl, paths.historyByCursor(found.historyCursor));
  const before = await getPage(baseUrl, paths.historyBefore(found.historyBefore));
  const listHead = await getPage(baseUrl, paths.listHead);
  const listDeep = await getPage(baseUrl, paths.listByCursor(found.listCursor));
  for (const [name, page] of Object.entries({ head, byCursor, before, listHead, listDeep })) {
    if (page.data.length !== HISTORY_LIMIT)
      throw new Error(`the ${name} page holds ${page.data.length} items`);
  }
  if (byCursor.data[0].id !== before.data[0].id) {
    throw new Error('the page by cursor and the page by before_timestamp differ; they must be the same page');
  }
  if (listHead.total !== LIST.conversations) {
    throw new Error(`the listed user has ${listHead.total} conversations, not ${LIST.conversations}`);
  }
  return found;
}
