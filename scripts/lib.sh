# Shared shell functions of run.sh and test.sh. Source it; it changes nothing by itself.

# Installs the npm packages from the committed lock file when node_modules is missing or stale.
ensure_node_packages() {
  local stamp=node_modules/.lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    echo "==> npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
}

# Waits until URL answers 2xx, or fails after SECONDS (default 180), or when PID dies.
wait_for_url() {
  local url=$1 seconds=${2:-180} pid=${3:-}
  local deadline=$((SECONDS + seconds))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "process $pid exited before $url answered" >&2
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "timed out waiting for $url" >&2
      return 1
    fi
    sleep 0.5
  done
}

# Waits until a TCP port on 127.0.0.1 accepts connections.
wait_for_port() {
  local port=$1 seconds=${2:-60}
  local deadline=$((SECONDS + seconds))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      echo "timed out waiting for port $port" >&2
      return 1
    fi
    sleep 0.3
  done
}

# Fails when something already listens on a port this script is about to use.
require_free_port() {
  local port=$1
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port on 127.0.0.1 is already in use (another ./run.sh?); set API_PORT / WORKER_PORT / AZURITE_BLOB_PORT" >&2
    return 1
  fi
}

# Installs Debian packages for a purpose the tests need, or says how when not root (the tests that need them then
# fail, saying so). The package lists are fetched once per run however many installs follow.
apt_install() {
  local purpose=$1
  shift
  if [ "$(id -u)" != 0 ]; then
    echo "$* missing and installing needs root: sudo apt-get install $* ($purpose will fail)" >&2
    return 0
  fi
  echo "==> apt-get install $* ($purpose)"
  if [ -z "${APT_LISTS_FRESH:-}" ]; then
    apt-get update -qq
    APT_LISTS_FRESH=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# python3-numpy and python3-jinja2 for /usr/bin/python3: the inference tests check the engine against a numpy
# implementation of each architecture and the chat-template interpreter against jinja2.
ensure_python_packages() {
  /usr/bin/python3 -c 'import numpy, jinja2' >/dev/null 2>&1 || apt_install "the reference checks" python3-numpy python3-jinja2
}

# Chromium (Debian's chromium package): the CORS and docs tests drive a headless browser, which alone enforces CORS.
ensure_chromium() {
  command -v chromium >/dev/null 2>&1 || apt_install "the browser tests" chromium
}

# jq and openssl: the curl samples (samples/curl, run by scripts/samples.sh) read JSON with jq and check webhook
# signatures with openssl.
ensure_sample_tools() {
  { command -v jq && command -v openssl; } >/dev/null 2>&1 || apt_install "the curl samples" jq openssl
}

# redis-server (Debian's package): the response cache's tests share answers between instances through a real Redis,
# started by the tests on a free loopback port (the package's own service is not used).
ensure_redis() {
  command -v redis-server >/dev/null 2>&1 || apt_install "the response cache's Redis tests" redis-server
}

# promtool (Debian's prometheus package): the end-to-end tests check the metrics scrapes and the alert rules with it.
ensure_promtool() {
  command -v promtool >/dev/null 2>&1 || apt_install "the Prometheus tests" prometheus
}
