#!/bin/sh
# azd postdeploy: deploy the API and move the queue-mode job onto the worker image azd just pushed.
# The Functions app runs from a package blob read with its managed identity (no storage key, no Azure Files),
# so deploying it is: publish, zip, upload the blob, restart, sync triggers.
# Needs the .NET SDK, Node.js (`npm ci`: the docs page embeds Swagger UI from node_modules), zip and the Azure
# CLI, signed in (`az login`). Runs from the repository root.
set -eu

retry() {
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge 10 ]; then
      return 1
    fi
    echo "  retrying in 30 s (role assignments can take minutes to apply)..."
    sleep 30
    attempt=$((attempt + 1))
  done
}

publish_dir=.artifacts/functions-publish
package=.artifacts/serverless-functions.zip
rm -rf "$publish_dir" "$package"
mkdir -p "$publish_dir"

echo "Publishing the API..."
npm ci --no-audit --no-fund --loglevel=error
dotnet publish functions/Serverless.Functions/Serverless.Functions.csproj -c Release -o "$publish_dir" --nologo
(cd "$publish_dir" && zip -q -r ../serverless-functions.zip .)

echo "Uploading the package to $AZURE_STORAGE_ACCOUNT_NAME/$FUNCTIONS_PACKAGE_CONTAINER/$FUNCTIONS_PACKAGE_BLOB..."
retry az storage blob upload --auth-mode login --account-name "$AZURE_STORAGE_ACCOUNT_NAME" \
  --container-name "$FUNCTIONS_PACKAGE_CONTAINER" --name "$FUNCTIONS_PACKAGE_BLOB" \
  --file "$package" --overwrite --output none

echo "Restarting $AZURE_FUNCTION_APP_NAME and syncing its triggers..."
az functionapp restart --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" --output none
az resource invoke-action --action syncfunctiontriggers --resource-group "$AZURE_RESOURCE_GROUP" \
  --name "$AZURE_FUNCTION_APP_NAME" --resource-type Microsoft.Web/sites --output none

if [ -n "${SERVICE_WORKER_IMAGE_NAME:-}" ]; then
  echo "Moving job $WORKER_JOB_NAME onto $SERVICE_WORKER_IMAGE_NAME..."
  az containerapp job update --resource-group "$AZURE_RESOURCE_GROUP" --name "$WORKER_JOB_NAME" \
    --image "$SERVICE_WORKER_IMAGE_NAME" --output none
fi

echo "API: $API_URL"
