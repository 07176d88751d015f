#!/usr/bin/env bash
# An async job with a webhook, with curl: submit the work (202 at once), and the API calls the webhook, signed, when
# the job ends; the signature is checked here with openssl against the key's webhook secret (webhook_secret, shown
# once when the key was made).
#   OPENAI_BASE_URL=http://127.0.0.1:7071/v1 OPENAI_API_KEY=sk-... OPENAI_WEBHOOK_SECRET=whsec_... ./job-webhook.sh
# The receiver listens on 127.0.0.1, which a local stack (./run.sh) allows; a deployed API calls only public https URLs.
set -euo pipefail
base=${OPENAI_BASE_URL:-http://127.0.0.1:7071/v1}
model=${MODEL:-gpt2-tiny}
calls=$(mktemp -d)
receiver=
trap '[ -z "$receiver" ] || kill "$receiver" 2>/dev/null; rm -rf "$calls"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. A receiver. Bash cannot listen on a port, so a few lines of Node.js stand in for your web server: each call's
# webhook-id, webhook-timestamp and webhook-signature headers and its raw body go to a file each in $calls/<n>/.
# (It answers 200 at once; a real receiver verifies first and answers 400 to a call that does not verify.)
node -e '
  const fs = require("fs"), http = require("http"), dir = process.argv[1];
  let n = 0;
  http.createServer((request, response) => {
    const chunks = [];
    request.on("data", (c) => chunks.push(c)).on("end", () => {
      const call = `${dir}/${++n}`;
      fs.mkdirSync(`${call}.tmp`);
      for (const h of ["webhook-id", "webhook-timestamp", "webhook-signature"]) fs.writeFileSync(`${call}.tmp/${h}`, request.headers[h] ?? "");
      fs.writeFileSync(`${call}.tmp/body`, Buffer.concat(chunks));
      fs.renameSync(`${call}.tmp`, call);
      response.writeHead(200).end();
    });
  }).listen(0, "127.0.0.1", function () { fs.writeFileSync(`${dir}/port`, String(this.address().port)); });
' "$calls" &
receiver=$!
for _ in $(seq 50); do [ -s "$calls/port" ] && break; sleep 0.1; done
webhook="http://127.0.0.1:$(cat "$calls/port")/hooks/jobs"

# verify DIR: whether the call in DIR is signed with $OPENAI_WEBHOOK_SECRET and fresh. The signature is
# base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")) with the key the Base64 after `whsec_`;
# the header holds one `v1,<signature>` per secret (two while the key's secret is being rotated).
verify() {
  local id timestamp signature key expected
  id=$(cat "$1/webhook-id") timestamp=$(cat "$1/webhook-timestamp") signature=$(cat "$1/webhook-signature")
  local age=$(($(date +%s) - timestamp))
  [ "${age#-}" -le 300 ] || { echo "timestamp $timestamp is more than 5 minutes from now" >&2; return 1; }
  key=$(printf '%s' "${OPENAI_WEBHOOK_SECRET#whsec_}" | base64 -d | od -An -tx1 | tr -d ' \n')
  expected=$({ printf '%s.%s.' "$id" "$timestamp"; cat "$1/body"; } | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key" -binary | base64)
  # A server should compare in constant time (its language's HMAC library has a function for it).
  for s in $signature; do [ "$s" = "v1,$expected" ] && return 0; done
  echo "no signature matches the secret" >&2
  return 1
}

# 2. Submit: the body of /v1/chat/completions plus `webhook` (and optionally `timeout_seconds`). Not retried blindly:
# an answer lost after the API took the job would run (and bill) it twice; list your jobs first.
submitted=$(curl -sS --fail-with-body "$base/async/chat/completions" \
  -H "Authorization: Bearer $OPENAI_API_KEY" -H 'Content-Type: application/json' \
  -d "{\"model\":\"$model\",\"messages\":[{\"role\":\"user\",\"content\":\"Write a haiku about queues.\"}],\"max_tokens\":16,\"webhook\":\"$webhook\"}") ||
  { echo "$submitted" >&2; exit 1; }
id=$(jq -r .id <<<"$submitted")
echo "submitted $id: $(jq -r .status <<<"$submitted")"

# 3. Wait for the call (a real service would not wait: the webhook handler does the work).
for _ in $(seq 1200); do [ -d "$calls/1" ] && break; sleep 0.1; done
[ -d "$calls/1" ] || { echo "no webhook call for $id within 2 minutes" >&2; exit 1; }
verify "$calls/1"
job=$(cat "$calls/1/body")
[ "$(jq -r .id <<<"$job")" = "$id" ] && [ "$(jq -r .status <<<"$job")" = succeeded ] || { echo "unexpected job: $job" >&2; exit 1; }

# The verified body is the job object with its result: the chat completion as /v1/chat/completions answers it.
jq -r '"\(.id) \(.status): \(.result.choices[0].message.content | tojson) (\(.usage.total_tokens) tokens)"' <<<"$job"

# Polling works too, for a client that cannot take calls.
polled=$(curl -sS --fail-with-body "$base/async/completions/$id" -H "Authorization: Bearer $OPENAI_API_KEY") || { echo "$polled" >&2; exit 1; }
echo "polled: $(jq -r .status <<<"$polled")"
