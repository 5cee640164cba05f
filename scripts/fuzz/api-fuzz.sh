#!/usr/bin/env bash
# Property-based fuzzing of the whole API from its own OpenAPI document (Schemathesis): every operation, with
# generated valid and invalid input, once as a signed-in user and once as a trusted backend. It runs every
# check Schemathesis has (server errors, status codes, response bodies and headers against their schemas,
# valid input accepted and invalid input refused, authentication enforced, 405 with Allow, ...) and fails
# on any failure; schemathesis.toml beside this script lists the few exceptions, each with its reason.
# Needs a built service (npm run build), a Cassandra node at CASSANDRA_HOST:CASSANDRA_PORT and
# the `st` command (pip install -r scripts/fuzz/requirements.txt). Bounded: FUZZ_EXAMPLES cases per operation.
set -euo pipefail
cd "$(dirname "$0")/../.."

port=${FUZZ_PORT:-8097}
examples=${FUZZ_EXAMPLES:-60}
keyspace="fuzz_$(date +%s)"
key="fuzz-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
base="http://127.0.0.1:${port}"
log=$(mktemp)

PORT=$port HTTP_HOST=127.0.0.1 LOG_LEVEL=warn CASSANDRA_KEYSPACE=$keyspace API_KEYS="fuzz:${key}" \
  AUTH_RATE_LIMIT_PER_ADDRESS=1000000 AUTH_RATE_LIMIT_PER_USERNAME=1000000 SEND_RATE_LIMIT_PER_USER=1000000 \
  UPLOAD_RATE_LIMIT_PER_USER=1000000 \
  node dist/main.js >"$log" 2>&1 &
service=$!
cleanup() {
  kill "$service" 2>/dev/null || true
  wait "$service" 2>/dev/null || true
  node -e "
    const { Client } = require('cassandra-driver');
    const c = new Client({ contactPoints: ['${CASSANDRA_HOST:-127.0.0.1}:${CASSANDRA_PORT:-9042}'], localDataCenter: 'datacenter1' });
    c.connect().then(() => c.execute('DROP KEYSPACE IF EXISTS ${keyspace}')).finally(() => c.shutdown());
  " || true
  rm -f "$log"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -sf "$base/health" >/dev/null && break
  kill -0 "$service" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done

token=$(curl -sf -X POST "$base/api/auth/register" -H 'Content-Type: application/json' \
  -d '{"username": "fuzzer", "password": "fuzzer password 1"}' |
  node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')

# positive_data_acceptance ("a request the schema allows is not refused with a 400") cannot hold on a few
# operations, for rules that OpenAPI 3.0 cannot state; every other check runs on them:
# - the paged lists (and the searches, paged alike): cursor is an opaque token the service issued (a string of its alphabet that it never
#   issued is a 400), and page numbers are read from the head of the list, so (page - 1) * limit may be at
#   most 1000, a bound across two parameters (page=60 is fine with limit=10, a 400 with limit=20);
# - searchConversation, searchMessages: q must hold a letter or a digit of any script, which a pattern
#   without Unicode property classes cannot state;
# - createGroup: a group has 3 to 1000 members counted with its creator after repeated ids are folded, so
#   member_ids [7, 7] or [<creator>, 7] is a 400 though it has the two items the schema asks for;
# - markRead: message_id must be no newer than the conversation's newest message, a bound that depends on
#   stored data;
# - addReaction, removeReaction, listReactors: emoji must be one emoji, a grapheme cluster, which no pattern
#   of OpenAPI 3.0 states (listReactors is also a paged list);
# - sendMessage, with the API key only: sender_id is required with a key and optional with a user token,
#   and a schema cannot make a field depend on the credential.
# So each identity is run twice: every check but that one on every operation, then that one check on the
# operations where it holds.
paged='searchUsers,listMyConversations,listUserConversations,listMembers,listReadState,listMessages,listMessagesBefore,listReactors,searchConversation,searchMessages'
# Schemathesis frames its headings and its last line the way pytest frames its summary
# ("===== 3 warnings in 59.59s ====="); a CI log reader would take that for a pytest run in which no test ran,
# so the frames are rewritten ("-- 3 warnings in 59.59s --"). pipefail keeps Schemathesis's exit status.
schemathesis() {
  st --config-file scripts/fuzz/schemathesis.toml run "$base/docs-json" --max-examples "$examples" \
    --generation-deterministic --no-color "$@" | sed -E 's/^=+ (.*[^ =]) =+$/-- \1 --/'
}

status=0
emoji='addReaction,removeReaction'
for identity in "Authorization: Bearer ${token}|${paged},${emoji},createGroup,markRead" "X-Api-Key: ${key}|${paged},${emoji},createGroup,markRead,sendMessage"; do
  header=${identity%%|*}
  unexpressible=${identity#*|}
  echo "== schemathesis as ${header%%:*}: every check"
  schemathesis -H "$header" --checks all --exclude-checks positive_data_acceptance || status=1
  echo "== schemathesis as ${header%%:*}: positive_data_acceptance, but on ${unexpressible//,/, }"
  schemathesis -H "$header" --checks positive_data_acceptance \
    --exclude-operation-id-regex "^(${unexpressible//,/|})\$" || status=1
done
if grep -q '"level":50' "$log"; then
  echo "the service logged errors:"
  grep '"level":50' "$log" | head -20
  status=1
fi
exit $status
