#!/usr/bin/env bash
# Property-based fuzzing of the whole API from its own OpenAPI document (Schemathesis): every operation, with
# generated valid and invalid input, once as a signed-in user and once as a trusted backend. It fails on any
# 5xx answer. Needs a built service (npm run build), a Cassandra node at CASSANDRA_HOST:CASSANDRA_PORT and
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

status=0
for header in "Authorization: Bearer ${token}" "X-Api-Key: ${key}"; do
  echo "== schemathesis as ${header%%:*}"
  st run "$base/docs-json" -H "$header" --checks not_a_server_error --max-examples "$examples" \
    --generation-deterministic --no-color || status=1
done
if grep -q '"level":50' "$log"; then
  echo "the service logged errors:"
  grep '"level":50' "$log" | head -20
  status=1
fi
exit $status
