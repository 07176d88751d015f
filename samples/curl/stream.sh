#!/usr/bin/env bash
# A streamed chat completion with curl: server-sent events, one `data: {chunk}` line per token, then `data: [DONE]`.
#   OPENAI_BASE_URL=http://127.0.0.1:7071/v1 OPENAI_API_KEY=sk-... ./stream.sh
set -euo pipefail
base=${OPENAI_BASE_URL:-http://127.0.0.1:7071/v1}
model=${MODEL:-gpt2-tiny}

# -N: hand each event over as it arrives. A chunk's text is in .choices[0].delta.content; with include_usage a
# last chunk carries the usage of the whole answer.
ended=no
while IFS= read -r line || [ -n "$line" ]; do
  case $line in
    'data: [DONE]') ended=yes ;;
    'data: '*) jq -j '(.choices[0].delta.content // empty), (.usage // empty | "\n\(.completion_tokens) tokens streamed")' <<<"${line#data: }" ;;
    '' | :*) ;;              # the blank line after each event; `: ...` keep-alive comments on a quiet stream
    *) echo "$line" >&2 ;;   # not an event: an error answer (OpenAI's {"error": {...}} object)
  esac
done < <(curl -sS -N "$base/chat/completions" \
  -H "Authorization: Bearer $OPENAI_API_KEY" -H 'Content-Type: application/json' \
  -d "{\"model\":\"$model\",\"messages\":[{\"role\":\"user\",\"content\":\"Count to five.\"}],\"max_tokens\":16,\"stream\":true,\"stream_options\":{\"include_usage\":true}}")
echo

[ "$ended" = yes ] || { echo "the stream did not end with data: [DONE]" >&2; exit 1; }
