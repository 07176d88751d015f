#!/usr/bin/env bash
# Runs the fuzz test (tests/Serverless.EndToEnd.Tests/Fuzz) with more requests than ./test.sh sends, on a fresh seed
# unless one is given: scripts/fuzz.sh [requests] [seed]. Needs a Release build (./test.sh or dotnet build -c Release).
# Prints the counts by status; a failure names the seed, so the same requests can be sent again.
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_REQUESTS=${1:-100000}
export FUZZ_SEED=${2:-$(( (RANDOM << 15) | RANDOM ))}
export MODELS_PATH=${MODELS_PATH:-$PWD/.models}
mkdir -p .artifacts
echo "==> fuzz: $FUZZ_REQUESTS requests, seed $FUZZ_SEED"
status=0
dotnet test tests/Serverless.EndToEnd.Tests -c Release --no-build -nologo --filter "FullyQualifiedName~Fuzz" || status=$?
cat .artifacts/fuzz-summary.txt 2>/dev/null && echo
exit $status
