#!/usr/bin/env bash
# Runs every test: builds with warnings as errors, runs the .NET test projects (unit, integration, end to end
# with the official OpenAI .NET SDK), then starts the local stack with ./run.sh and drives it with the official
# OpenAI JS SDK, the deployment smoke command (scripts/smoke.sh) and the samples (scripts/samples.sh). Installs what
# it needs (npm ci, NuGet restore) and starts every service itself.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

CONFIGURATION=${CONFIGURATION:-Release}
export MODELS_PATH=${MODELS_PATH:-$PWD/.models}
RESULTS=.artifacts/test-results
mkdir -p .artifacts

ensure_node_packages
ensure_promtool
ensure_chromium
ensure_python_packages
ensure_sample_tools
ensure_redis

echo "==> dotnet build Serverless.sln ($CONFIGURATION, warnings as errors)"
dotnet build Serverless.sln -c "$CONFIGURATION" -nologo -v quiet

echo "==> default models in $MODELS_PATH"
dotnet "gpu-worker/Serverless.Worker/bin/$CONFIGURATION/net10.0/Serverless.Worker.dll" prepare-models --Inference:ModelsPath "$MODELS_PATH"

echo "==> dotnet test"
rm -rf "$RESULTS" .artifacts/fuzz-summary.txt
set +e
dotnet test Serverless.sln -c "$CONFIGURATION" --no-build -nologo --results-directory "$RESULTS" >.artifacts/dotnet-test.log 2>&1
dotnet_status=$?
set -e
grep -E '(Passed|Failed)!|^\s*Failed |error|Test Run Aborted|Test host process crashed' .artifacts/dotnet-test.log || true
[ -f .artifacts/fuzz-summary.txt ] && { cat .artifacts/fuzz-summary.txt; echo; }

echo "==> the local stack (./run.sh) driven by the OpenAI JS SDK"
rm -rf .artifacts/stack-data .artifacts/stack-logs .artifacts/samples.log
export ADMIN_API_KEY="sk-admin-test-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
API_PORT=17071 WORKER_PORT=18081 AZURITE_BLOB_PORT=20000 SKIP_BUILD=1 LOG_DIR=.artifacts/stack-logs DATA_DIR=.artifacts/stack-data \
  ./run.sh >.artifacts/run-sh.log 2>&1 &
stack=$!
js_status=1
smoke_status=1
samples_status=1
for _ in $(seq 1 600); do
  if [ -f .artifacts/stack-logs/ready ]; then
    set +e # a failure is counted below, not an exit before the summary
    OPENAI_BASE_URL=http://127.0.0.1:17071/v1 node --test tests/js/ 2>&1 | tee .artifacts/js-test.log
    js_status=${PIPESTATUS[0]}
    # The smoke command users run after `azd up` (docs/deploy.md), here against the local stack so it never rots.
    echo "==> scripts/smoke.sh against the local stack"
    scripts/smoke.sh http://127.0.0.1:17071 "$ADMIN_API_KEY" 2>&1 | tee .artifacts/smoke.log
    smoke_status=${PIPESTATUS[0]}
    # The samples users start from (samples/: curl, JS, C#; the C# one built above with the solution).
    echo "==> scripts/samples.sh against the local stack"
    SKIP_BUILD=1 CONFIGURATION=$CONFIGURATION scripts/samples.sh http://127.0.0.1:17071 "$ADMIN_API_KEY" 2>&1 | tee .artifacts/samples.log
    samples_status=${PIPESTATUS[0]}
    set -e
    break
  fi
  kill -0 $stack 2>/dev/null || break
  sleep 1
done
[ -f .artifacts/stack-logs/ready ] || { echo "./run.sh did not come up:"; tail -n 40 .artifacts/run-sh.log; }
kill -TERM $stack 2>/dev/null || true
wait $stack 2>/dev/null || true
grep -q "==> stopped" .artifacts/run-sh.log || { echo "./run.sh did not stop its processes on SIGTERM"; js_status=1; }

passed=$(grep -oE 'Passed: +[0-9]+' .artifacts/dotnet-test.log | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' .artifacts/dotnet-test.log | awk '{s+=$2} END {print s+0}')
js_passed=$(grep -oE '^# pass [0-9]+' .artifacts/js-test.log 2>/dev/null | awk '{print $3}' || true)
js_failed=$(grep -oE '^# fail [0-9]+' .artifacts/js-test.log 2>/dev/null | awk '{print $3}' || true)
[ "$js_status" = 0 ] || js_failed=$(( ${js_failed:-0} > 0 ? ${js_failed:-0} : 1 ))
smoke_passed=$(grep -oE '^smoke: [0-9]+ passed' .artifacts/smoke.log 2>/dev/null | awk '{print $2}' || true)
smoke_failed=$(grep -E '^smoke: ' .artifacts/smoke.log 2>/dev/null | grep -oE '[0-9]+ failed' | awk '{print $1}' || true)
[ "$smoke_status" = 0 ] || smoke_failed=$(( ${smoke_failed:-0} > 0 ? ${smoke_failed:-0} : 1 ))
samples_passed=$(grep -oE '^samples: [0-9]+ passed' .artifacts/samples.log 2>/dev/null | awk '{print $2}' || true)
samples_failed=$(grep -E '^samples: ' .artifacts/samples.log 2>/dev/null | grep -oE '[0-9]+ failed' | awk '{print $1}' || true)
[ "$samples_status" = 0 ] || samples_failed=$(( ${samples_failed:-0} > 0 ? ${samples_failed:-0} : 1 ))
if grep -q 'Test Run Aborted' .artifacts/dotnet-test.log; then
  echo "a test host crashed, so the rest of its tests did not run (see .artifacts/dotnet-test.log)"
  failed=$((failed + 1))
fi
echo "dotnet: $passed passed, $failed failed"
echo "js: ${js_passed:-0} passed, ${js_failed:-0} failed"
echo "smoke: ${smoke_passed:-0} passed, ${smoke_failed:-0} failed"
echo "samples: ${samples_passed:-0} passed, ${samples_failed:-0} failed"
echo "tests: $((passed + ${js_passed:-0} + ${smoke_passed:-0} + ${samples_passed:-0})) passed, $((failed + ${js_failed:-0} + ${smoke_failed:-0} + ${samples_failed:-0})) failed"
[ "$dotnet_status" = 0 ] && [ "$js_status" = 0 ] && [ "$smoke_status" = 0 ] && [ "$samples_status" = 0 ]
