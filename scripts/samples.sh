#!/usr/bin/env bash
# Runs the samples in samples/ (curl, JavaScript, C#) against a running API, as a user would, so they never rot:
#   scripts/samples.sh <base-url> <admin-key>
# <base-url> is the API's address, with or without /v1 (http://127.0.0.1:7071 for ./run.sh). It makes a user key
# with the admin key (its webhook secret comes with it), runs each sample with OPENAI_BASE_URL, OPENAI_API_KEY and
# OPENAI_WEBHOOK_SECRET set, then revokes the key. Each sample prints "ok" or "FAIL", its time and its output; the
# exit status is the number that failed (0: all passed). The webhook samples listen on 127.0.0.1, so the API must
# allow http and loopback webhooks, as ./run.sh does. The Python samples are not run (no Python SDK here).
# Needs curl, jq, openssl, Node.js with the npm packages (npm ci) and the .NET SDK. Settings (environment variables):
#   CONFIGURATION  the C# sample's build (default Release); SKIP_BUILD=1 runs the build there is (test.sh built it)
#   MODEL          the chat model the samples use (default gpt2-tiny)
#   SAMPLE_TIMEOUT seconds one sample may take (default 180)
set -uo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 2 ]; then
  echo "usage: $0 <base-url> <admin-key>" >&2
  exit 64
fi
base=${1%/}
base=${base%/v1}
admin_key=$2
configuration=${CONFIGURATION:-Release}
sample_timeout=${SAMPLE_TIMEOUT:-180}
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in curl jq openssl node dotnet; do
  command -v "$tool" >/dev/null || { echo "samples: $tool is missing"; echo "samples: 0 passed, 1 failed"; exit 1; }
done

# sample NAME COMMAND...: runs one sample, prints ok/FAIL, its time and its output, and counts it.
sample() {
  local name=$1 started status
  shift
  started=$(date +%s%N)
  timeout "$sample_timeout" "$@" >"$work/out" 2>&1
  status=$?
  local ms=$((($(date +%s%N) - started) / 1000000))
  if [ "$status" = 0 ]; then
    echo "ok   $name (${ms} ms)"
    passed=$((passed + 1))
  else
    echo "FAIL $name (exit $status after ${ms} ms)"
    failed=$((failed + 1))
  fi
  sed 's/^/       /' "$work/out"
}

# The C# sample: built by test.sh's Release build of the solution, or here.
csharp=samples/csharp/Serverless.Samples
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  dotnet build "$csharp" -c "$configuration" -nologo -v quiet >"$work/build" 2>&1 || { cat "$work/build"; echo "samples: 0 passed, 1 failed"; exit 1; }
fi

# A user key, as an operator hands one out: the key and its webhook secret are shown this once.
created=$(curl -sS --fail-with-body "$base/v1/admin/keys" -H "Authorization: Bearer $admin_key" -H 'Content-Type: application/json' \
  -d '{"name":"samples","owner":"samples","role":"user"}') || { echo "samples: no key: $created"; echo "samples: 0 passed, 1 failed"; exit 1; }
key_id=$(jq -r .id <<<"$created")
export OPENAI_BASE_URL="$base/v1"
OPENAI_API_KEY=$(jq -r .key <<<"$created")
OPENAI_WEBHOOK_SECRET=$(jq -r .webhook_secret <<<"$created")
export OPENAI_API_KEY OPENAI_WEBHOOK_SECRET

# Usage last in each language, so it has the calls before it to show.
for name in chat stream job-webhook usage; do
  sample "curl $name" "samples/curl/$name.sh"
done
for name in chat stream job-webhook usage; do
  sample "js $name" node "samples/js/$name.mjs"
done
for name in chat stream job usage; do
  sample "csharp $name" dotnet "$csharp/bin/$configuration/net10.0/Serverless.Samples.dll" "$name"
done

curl -sS -o /dev/null -X DELETE "$base/v1/admin/keys/$key_id" -H "Authorization: Bearer $admin_key" || echo "(the key $key_id was not revoked)"
echo "samples: $passed passed, $failed failed"
exit "$failed"
