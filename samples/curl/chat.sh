#!/usr/bin/env bash
# A chat completion with curl.
#   OPENAI_BASE_URL=http://127.0.0.1:7071/v1 OPENAI_API_KEY=sk-... ./chat.sh
set -euo pipefail
base=${OPENAI_BASE_URL:-http://127.0.0.1:7071/v1}
model=${MODEL:-gpt2-tiny}

# --fail-with-body: an error answer (OpenAI's {"error": {...}} object) fails the call, and is printed.
answer=$(curl -sS --fail-with-body "$base/chat/completions" \
  -H "Authorization: Bearer $OPENAI_API_KEY" -H 'Content-Type: application/json' \
  -d "{\"model\":\"$model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}],\"max_tokens\":16,\"seed\":1}") ||
  { echo "$answer" >&2; exit 1; }

jq -r '.choices[0].message.content' <<<"$answer"
jq -r '"\(.usage.total_tokens) tokens, finish_reason \(.choices[0].finish_reason)"' <<<"$answer"
