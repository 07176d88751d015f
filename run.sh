#!/usr/bin/env bash
# Runs the whole system locally: Azurite (Azure Storage), the GPU worker in serve mode (CPU, default models)
# and the API on http://127.0.0.1:7071. Ctrl-C or SIGTERM stops every process it started.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

API_PORT=${API_PORT:-7071}
WORKER_PORT=${WORKER_PORT:-8081}
AZURITE_BLOB_PORT=${AZURITE_BLOB_PORT:-10000}
CONFIGURATION=${CONFIGURATION:-Release}
MODELS_PATH=${MODELS_PATH:-.models}
LOG_DIR=${LOG_DIR:-.artifacts/logs}
DATA_DIR=${DATA_DIR:-.azurite}

pids=()
names=()
stop_all() {
  trap - INT TERM EXIT
  # Last started, first stopped: the API still talks to storage while it stops (the Durable backend releases its
  # partition leases, and retries while storage does not answer), so Azurite goes last. Each gets 45 s to
  # stop cleanly (the hosts' own shutdown timeout is 30 s); one that hangs is killed.
  # (Running means: present and not a zombie; an ended child stays a zombie until waited for.)
  running() { [ -e "/proc/$1" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid=${pids[i]}
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 450); do running "$pid" || break; sleep 0.1; done
    if running "$pid"; then
      echo "==> ${names[i]} (pid $pid) did not stop in 45 s: killed"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  echo "==> stopped"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_node_packages
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "==> dotnet build ($CONFIGURATION)"
  dotnet build functions/Serverless.LocalHost -c "$CONFIGURATION" -nologo -v quiet
  dotnet build gpu-worker/Serverless.Worker -c "$CONFIGURATION" -nologo -v quiet
fi
mkdir -p "$LOG_DIR" "$DATA_DIR"
rm -f "$LOG_DIR/ready"
for port in "$API_PORT" "$WORKER_PORT" "$AZURITE_BLOB_PORT" "$((AZURITE_BLOB_PORT + 1))" "$((AZURITE_BLOB_PORT + 2))"; do
  require_free_port "$port"
done

# The local stack's secrets: made once and kept beside the storage data, since keys stored there are hashed
# with the pepper. ADMIN_API_KEY from the environment wins.
secrets_file="$DATA_DIR/local-secrets.env"
if [ ! -f "$secrets_file" ]; then
  umask 077
  {
    echo "LOCAL_ADMIN_API_KEY=sk-admin-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    echo "LOCAL_KEY_PEPPER=$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
  } >"$secrets_file"
  umask 022
fi
if ! grep -q '^LOCAL_WEBHOOK_SECRET=' "$secrets_file"; then
  echo "LOCAL_WEBHOOK_SECRET=whsec_$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >>"$secrets_file"
fi
# The worker answers only callers with this key; the API presents it. A fresh one each run: nothing stored needs it.
LOCAL_WORKER_KEY="worker-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
source "$secrets_file"
export ADMIN_API_KEY=${ADMIN_API_KEY:-$LOCAL_ADMIN_API_KEY}
export Auth__KeyPepper=${Auth__KeyPepper:-$LOCAL_KEY_PEPPER}
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$((AZURITE_BLOB_PORT + 1))/devstoreaccount1;TableEndpoint=http://127.0.0.1:$((AZURITE_BLOB_PORT + 2))/devstoreaccount1;"

echo "==> Azurite on 127.0.0.1:$AZURITE_BLOB_PORT-$((AZURITE_BLOB_PORT + 2))"
node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --loose --location "$DATA_DIR" \
  --blobHost 127.0.0.1 --blobPort "$AZURITE_BLOB_PORT" \
  --queueHost 127.0.0.1 --queuePort "$((AZURITE_BLOB_PORT + 1))" \
  --tableHost 127.0.0.1 --tablePort "$((AZURITE_BLOB_PORT + 2))" >"$LOG_DIR/azurite.log" 2>&1 &
pids+=($!); names+=("Azurite")
wait_for_port "$AZURITE_BLOB_PORT"

echo "==> GPU worker (serve mode) on 127.0.0.1:$WORKER_PORT; the first start builds the default models into $MODELS_PATH"
Serve__ApiKey=${Worker__ApiKey:-$LOCAL_WORKER_KEY} \
  dotnet "gpu-worker/Serverless.Worker/bin/$CONFIGURATION/net10.0/Serverless.Worker.dll" serve \
  --urls "http://127.0.0.1:$WORKER_PORT" --Inference:ModelsPath "$MODELS_PATH" >"$LOG_DIR/worker.log" 2>&1 &
pids+=($!); names+=("the serve-mode worker")
wait_for_url "http://127.0.0.1:$WORKER_PORT/readyz" 600 "${pids[-1]}" || { tail -n 30 "$LOG_DIR/worker.log"; exit 1; }

echo "==> GPU worker (job mode): runs async jobs from the jobs queue"
dotnet "gpu-worker/Serverless.Worker/bin/$CONFIGURATION/net10.0/Serverless.Worker.dll" job \
  --JobMode:RunForever true --Inference:ModelsPath "$MODELS_PATH" >"$LOG_DIR/worker-jobs.log" 2>&1 &
pids+=($!); names+=("the job-mode worker")

# Webhooks: each key's are signed with its own secret (webhook_secret, shown when the key is made); the legacy
# deployment-wide secret kept beside the storage signs only for keys made before that. A developer's receiver runs
# on loopback over plain http, so allow both (never in Azure).
export Webhooks__SigningSecret=${Webhooks__SigningSecret:-$LOCAL_WEBHOOK_SECRET}
export Webhooks__AllowPrivateAddresses=${Webhooks__AllowPrivateAddresses:-true}
export Webhooks__AllowHttp=${Webhooks__AllowHttp:-true}

# The key the API presents to the worker (the worker got the same one above).
export Worker__ApiKey=${Worker__ApiKey:-$LOCAL_WORKER_KEY}

# Usage the API could not write when it stopped is kept with the storage data it belongs to, for the next start.
export Usage__SpillPath=${Usage__SpillPath:-$DATA_DIR/usage-spill}

echo "==> API on 127.0.0.1:$API_PORT"
dotnet "functions/Serverless.LocalHost/bin/$CONFIGURATION/net10.0/Serverless.LocalHost.dll" \
  --urls "http://127.0.0.1:$API_PORT" --Worker:BaseUrl "http://127.0.0.1:$WORKER_PORT/" >"$LOG_DIR/api.log" 2>&1 &
pids+=($!); names+=("the API host")
wait_for_url "http://127.0.0.1:$API_PORT/healthz" 120 "${pids[-1]}" || { tail -n 30 "$LOG_DIR/api.log"; exit 1; }

cat <<BANNER

The API is up: http://127.0.0.1:$API_PORT/v1   (logs in $LOG_DIR/)
Models: $(curl -fsS -H "Authorization: Bearer $ADMIN_API_KEY" "http://127.0.0.1:$API_PORT/v1/models" | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | paste -sd' ')
Admin key (kept in $secrets_file): $ADMIN_API_KEY

Make a key for a user, then call the API with it:

  curl http://127.0.0.1:$API_PORT/v1/admin/keys -H "Authorization: Bearer $ADMIN_API_KEY" \\
    -H 'Content-Type: application/json' -d '{"name":"me","owner":"my-team","role":"user"}'

  curl http://127.0.0.1:$API_PORT/v1/chat/completions -H "Authorization: Bearer sk-..." -H 'Content-Type: application/json' \\
    -d '{"model":"gpt2-tiny","messages":[{"role":"user","content":"Hello"}],"max_tokens":16}'

  OpenAI SDKs: base URL http://127.0.0.1:$API_PORT/v1, API key: the sk-... key.
Press Ctrl-C to stop.
BANNER
echo "ready" >"$LOG_DIR/ready"
wait -n "${pids[@]}"
