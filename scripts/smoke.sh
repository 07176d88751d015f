#!/usr/bin/env bash
# Smoke test of a running deployment, end to end, as a user sees it:
#   scripts/smoke.sh <base-url> <admin-key>
# <base-url> is the API's address, with or without /v1: `azd env get-value API_URL` after `azd up`, or
# http://127.0.0.1:7071 for ./run.sh. <admin-key> is an admin API key (the bootstrap one is in Key Vault, see
# docs/deploy.md). It checks health and readiness, makes a user key, calls chat, a stream and embeddings with it,
# runs an async job to the end, then revokes the key and checks that it no longer works. Each step prints
# "ok" or "FAIL" with what it saw; the exit status is the number of failed steps (0: all passed).
# Needs curl and Node.js (for JSON). Settings (environment variables):
#   SMOKE_READY_TIMEOUT  seconds to wait for /readyz and for the worker to serve (a scaled-to-zero GPU takes minutes to start; default 900)
#   SMOKE_TIMEOUT        seconds one call or the job may take (default 300)
#   SMOKE_CHAT_MODEL, SMOKE_EMBEDDING_MODEL  models to use (default: the first of each the API lists)
set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 <base-url> <admin-key>" >&2
  exit 64
fi

base=${1%/}
base=${base%/v1}
admin_key=$2
ready_timeout=${SMOKE_READY_TIMEOUT:-900}
timeout=${SMOKE_TIMEOUT:-300}
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ok() {
  echo "ok   $1: $2"
  passed=$((passed + 1))
}

fail() {
  echo "FAIL $1: $2"
  failed=$((failed + 1))
}

# call METHOD PATH KEY [BODY]: the status code in $status, the body in $work/body (at most 300 characters in $seen).
call() {
  local method=$1 path=$2 key=$3 body=${4:-}
  local args=(-sS -o "$work/body" -w '%{http_code}' -X "$method" --max-time "$timeout" -H "Authorization: Bearer $key")
  if [ -n "$body" ]; then
    args+=(-H 'Content-Type: application/json' --data-binary "$body")
  fi
  status=$(curl "${args[@]}" "$base$path" 2>"$work/curl-error") || status="000 ($(tr -d '\n' <"$work/curl-error"))"
  seen=$(head -c 300 "$work/body" 2>/dev/null | tr '\n' ' ')
}

# json EXPRESSION: evaluates EXPRESSION on the last body (bound to `b`), printing its value, or nothing.
json() {
  node -e '
    const fs = require("fs");
    let b;
    try { b = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch { process.exit(0); }
    let v;
    try { v = eval(process.argv[2]); } catch { process.exit(0); }
    if (v !== undefined && v !== null) process.stdout.write(typeof v === "string" ? v : JSON.stringify(v));
  ' "$work/body" "$1"
}

# 1. Liveness: the API's host answers.
call GET /healthz "$admin_key"
if [ "$status" = 200 ]; then ok healthz "200"; else fail healthz "$status $seen"; fi

# 2. Readiness: storage answers and the worker is not known to be down. It never calls a worker that may scale
# to zero (that would start a GPU), so it says "unknown" for one that has had no traffic yet.
deadline=$((SECONDS + ready_timeout))
while :; do
  call GET /readyz "$admin_key"
  [ "$status" = 200 ] || [ $SECONDS -ge $deadline ] && break
  sleep 10
done
if [ "$status" = 200 ]; then ok readyz "200 after $((SECONDS))s"; else fail readyz "$status $seen"; fi

# 2b. The worker serves: a model list is real traffic, so a GPU scaled to zero starts on it; wait for it.
while :; do
  call GET /v1/models "$admin_key"
  [ "$status" = 200 ] || [ $SECONDS -ge $deadline ] && break
  sleep 10
done
if [ "$status" = 200 ]; then ok "worker serves" "models listed after $((SECONDS))s"; else fail "worker serves" "$status $seen"; fi

# 3. A user key, made with the admin key.
call POST /v1/admin/keys "$admin_key" '{"name":"smoke-test","owner":"smoke-test","role":"user"}'
user_key=$(json b.key)
key_id=$(json b.id)
if [ "$status" = 201 ] && [ -n "$user_key" ] && [ -n "$key_id" ]; then ok "key made" "$key_id"; else fail "key made" "$status $seen"; fi
user_key=${user_key:-missing}

# The models to call: as asked, else the first the API lists for each use.
call GET /v1/models "$user_key"
chat_model=${SMOKE_CHAT_MODEL:-$(json 'b.data.find(m => m.capabilities && m.capabilities.chat).id')}
embedding_model=${SMOKE_EMBEDDING_MODEL:-$(json 'b.data.find(m => m.capabilities && m.capabilities.embedding).id')}
if [ "$status" = 200 ] && [ -n "$chat_model" ] && [ -n "$embedding_model" ]; then
  ok models "chat $chat_model, embeddings $embedding_model"
else
  fail models "$status $seen"
fi

# 4. A chat completion.
call POST /v1/chat/completions "$user_key" "{\"model\":\"$chat_model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}],\"max_tokens\":8,\"seed\":1}"
content=$(json 'typeof b.choices[0].message.content === "string" ? "yes" : undefined')
tokens=$(json b.usage.completion_tokens)
if [ "$status" = 200 ] && [ "$content" = yes ] && [ -n "$tokens" ]; then ok chat "200, $tokens completion tokens"; else fail chat "$status $seen"; fi

# 5. The same, streamed: server-sent chunks, then [DONE].
call POST /v1/chat/completions "$user_key" "{\"model\":\"$chat_model\",\"messages\":[{\"role\":\"user\",\"content\":\"Count to three.\"}],\"max_tokens\":8,\"stream\":true}"
chunks=$(grep -c '^data: {' "$work/body" 2>/dev/null || true)
if [ "$status" = 200 ] && [ "${chunks:-0}" -gt 0 ] && grep -q '^data: \[DONE\]' "$work/body"; then
  ok stream "200, $chunks chunks, then [DONE]"
else
  fail stream "$status $seen"
fi

# 6. Embeddings.
call POST /v1/embeddings "$user_key" "{\"model\":\"$embedding_model\",\"input\":[\"A man is eating food.\",\"A man is riding a horse.\"]}"
vectors=$(json 'b.data.filter(d => Array.isArray(d.embedding) && d.embedding.length > 0).length')
dimensions=$(json 'b.data[0].embedding.length')
if [ "$status" = 200 ] && [ "$vectors" = 2 ]; then ok embeddings "200, 2 vectors of $dimensions dimensions"; else fail embeddings "$status $seen"; fi

# 7. An async job, polled to the end (in Azure the queue-mode job starts a GPU execution for it first).
call POST /v1/async/completions "$user_key" "{\"model\":\"$chat_model\",\"prompt\":\"Once upon a time\",\"max_tokens\":8}"
job_id=$(json b.id)
if [ "$status" = 202 ] && [ -n "$job_id" ]; then
  deadline=$((SECONDS + timeout))
  job_status=queued
  while :; do
    call GET "/v1/async/completions/$job_id" "$user_key"
    job_status=$(json b.status)
    case "$job_status" in succeeded | failed | cancelled | expired) break ;; esac
    [ $SECONDS -ge $deadline ] && break
    sleep 2
  done
  if [ "$job_status" = succeeded ]; then ok job "$job_id succeeded"; else fail job "$job_id is ${job_status:-unknown} after polling: $status $seen"; fi
else
  fail job "submit: $status $seen"
fi

# 8. Revocation: the key stops working (at once on the instance that revoked it, everywhere within Auth:CacheTtl).
if [ -n "$key_id" ]; then
  call DELETE "/v1/admin/keys/$key_id" "$admin_key"
  if [ "$status" = 200 ] || [ "$status" = 204 ]; then
    deadline=$((SECONDS + 60))
    while :; do
      call GET /v1/models "$user_key"
      [ "$status" = 401 ] || [ $SECONDS -ge $deadline ] && break
      sleep 2
    done
    if [ "$status" = 401 ]; then ok "key revoked" "the key now gets 401"; else fail "key revoked" "the revoked key still gets $status"; fi
  else
    fail "key revoked" "DELETE: $status $seen"
  fi
else
  fail "key revoked" "no key to revoke"
fi

echo "smoke: $passed passed, $failed failed"
exit "$failed"
