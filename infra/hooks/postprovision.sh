#!/bin/sh
# azd postprovision: create each Key Vault secret the apps reference that does not exist yet, with a random
# value: the API's (KEY_VAULT_SECRET_NAMES in AZURE_KEY_VAULT_NAME, from main.bicep's keyVaultReferences) and the
# worker key and its previous value (WORKER_KEY_VAULT_SECRET_NAMES in WORKER_KEY_VAULT_NAME). An existing secret
# is never touched: rolling one is deliberate (docs/deploy.md). Needs the Azure CLI, signed in (`az login`), and
# openssl; with the vaults private, a machine inside the virtual network (docs/deploy.md).
set -eu

# The deployer's Key Vault role may be minutes old; until it applies, calls fail with 403 and are retried.
wait_a_little() {
  if [ "$attempt" -ge 10 ]; then
    echo "$1" >&2
    exit 1
  fi
  echo "  retrying in 30 s (role assignments can take minutes to apply)..."
  sleep 30
  attempt=$((attempt + 1))
}

# exists VAULT NAME: succeeds when the secret exists, fails when Key Vault says it does not; anything else is
# retried, so that a secret is never overwritten just because it could not be read yet.
exists() {
  attempt=1
  while :; do
    if error=$(az keyvault secret show --vault-name "$1" --name "$2" --query id --output tsv 2>&1 >/dev/null); then
      return 0
    fi
    case "$error" in
      *SecretNotFound*) return 1 ;;
    esac
    wait_a_little "$error"
  done
}

secret_file=$(mktemp) # mode 0600: the value goes through this file, never through a command line
trap 'rm -f "$secret_file"' EXIT

# create_missing VAULT NAME...: creates each named secret the vault lacks.
create_missing() {
  vault=$1
  shift
  for name in "$@"; do
    if exists "$vault" "$name"; then
      echo "Key Vault secret '$name' exists in $vault; left as it is."
      continue
    fi
    echo "Creating Key Vault secret '$name' in $vault..."
    case "$name" in
      *api-key) # an API key (or the worker key): sk- and 256 random bits in base64url, the shape the API issues
        printf 'sk-%s' "$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=\n')" >"$secret_file" ;;
      *webhook-signing-secret) # a webhook signing key as Standard Webhooks writes it: whsec_ and 256 random bits in Base64
        printf 'whsec_%s' "$(openssl rand -base64 32 | tr -d '\n')" >"$secret_file" ;;
      *) openssl rand -base64 48 | tr -d '\n' >"$secret_file" ;;
    esac
    attempt=1
    until error=$(az keyvault secret set --vault-name "$vault" --name "$name" \
      --file "$secret_file" --encoding utf-8 --output none 2>&1); do
      wait_a_little "$error"
    done
    : >"$secret_file"
  done
}

# shellcheck disable=SC2086 # the names are space-separated on purpose
create_missing "$AZURE_KEY_VAULT_NAME" ${KEY_VAULT_SECRET_NAMES:-}
# shellcheck disable=SC2086
create_missing "${WORKER_KEY_VAULT_NAME:-}" ${WORKER_KEY_VAULT_SECRET_NAMES:-}
