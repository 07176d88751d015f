# azd postdeploy (Windows): see postdeploy.sh, which this mirrors.
$ErrorActionPreference = 'Stop'

function Invoke-Checked([scriptblock] $Action) {
    & $Action
    if ($LASTEXITCODE -ne 0) { throw "Command failed with exit code $LASTEXITCODE." }
}

function Invoke-WithRetry([scriptblock] $Action) {
    for ($attempt = 1; ; $attempt++) {
        & $Action
        if ($LASTEXITCODE -eq 0) { return }
        if ($attempt -ge 10) { throw "Failed after $attempt attempts." }
        Write-Host '  retrying in 30 s (role assignments can take minutes to apply)...'
        Start-Sleep -Seconds 30
    }
}

$publishDir = '.artifacts/functions-publish'
$package = '.artifacts/serverless-functions.zip'
Remove-Item -Recurse -Force $publishDir, $package -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force $publishDir | Out-Null

Write-Host 'Publishing the API...'
Invoke-Checked { npm ci --no-audit --no-fund --loglevel=error }
Invoke-Checked { dotnet publish functions/Serverless.Functions/Serverless.Functions.csproj -c Release -o $publishDir --nologo }
Compress-Archive -Path "$publishDir/*" -DestinationPath $package

Write-Host "Uploading the package to $env:AZURE_STORAGE_ACCOUNT_NAME/$env:FUNCTIONS_PACKAGE_CONTAINER/$env:FUNCTIONS_PACKAGE_BLOB..."
Invoke-WithRetry { az storage blob upload --auth-mode login --account-name $env:AZURE_STORAGE_ACCOUNT_NAME --container-name $env:FUNCTIONS_PACKAGE_CONTAINER --name $env:FUNCTIONS_PACKAGE_BLOB --file $package --overwrite --output none }

Write-Host "Restarting $env:AZURE_FUNCTION_APP_NAME and syncing its triggers..."
Invoke-Checked { az functionapp restart --resource-group $env:AZURE_RESOURCE_GROUP --name $env:AZURE_FUNCTION_APP_NAME --output none }
Invoke-Checked { az resource invoke-action --action syncfunctiontriggers --resource-group $env:AZURE_RESOURCE_GROUP --name $env:AZURE_FUNCTION_APP_NAME --resource-type Microsoft.Web/sites --output none }

if ($env:SERVICE_WORKER_IMAGE_NAME) {
    Write-Host "Moving job $env:WORKER_JOB_NAME onto $env:SERVICE_WORKER_IMAGE_NAME..."
    Invoke-Checked { az containerapp job update --resource-group $env:AZURE_RESOURCE_GROUP --name $env:WORKER_JOB_NAME --image $env:SERVICE_WORKER_IMAGE_NAME --output none }
}

Write-Host "API: $env:API_URL"
