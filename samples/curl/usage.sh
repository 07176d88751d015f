#!/usr/bin/env bash
# The caller's usage and cost, and what is left of its limits, with curl.
#   OPENAI_BASE_URL=http://127.0.0.1:7071/v1 OPENAI_API_KEY=sk-... ./usage.sh
set -euo pipefail
base=${OPENAI_BASE_URL:-http://127.0.0.1:7071/v1}

# --fail-with-body: an error answer (OpenAI's {"error": {...}} object) fails the call, and is printed.
# Per UTC day and model, the last 30 days by default (?start=2026-12-01&end=...&group_by=day narrow it).
usage=$(curl -sS --fail-with-body "$base/usage" -H "Authorization: Bearer $OPENAI_API_KEY") || { echo "$usage" >&2; exit 1; }
jq -r '(.data[] | "\(.timestamp | strftime("%Y-%m-%d")) \(.model): \(.requests) requests, \(.total_tokens) tokens, cost \(.cost)"),
       "total: \(.total.requests) requests, \(.total.total_tokens) tokens, cost \(.total.cost)"' <<<"$usage"

# Each limit of the key (rpm, tpm, rpd, tpd, budget, jobs, ...) with its use in the current window.
quota=$(curl -sS --fail-with-body "$base/quota" -H "Authorization: Bearer $OPENAI_API_KEY") || { echo "$quota" >&2; exit 1; }
jq -r '.usage[] | "\(.limit): \(.used) of \(.value) used, \(.remaining) left"' <<<"$quota"
