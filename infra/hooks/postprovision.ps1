# azd postprovision (Windows): see postprovision.sh, which this mirrors.
$ErrorActionPreference = 'Stop'

# Runs an az command until it succeeds; $NotFound ends it early with $false. Other failures (such as a
# Key Vault role that has not applied yet) are retried, so a secret is never overwritten for being unreadable.
function Invoke-Az([scriptblock] $Command, [string] $NotFound) {
    for ($attempt = 1; ; $attempt++) {
        $output = & $Command 2>&1
        if ($LASTEXITCODE -eq 0) { return $true }
        if ($NotFound -and "$output" -match $NotFound) { return $false }
        if ($attempt -ge 10) { throw "$output" }
        Write-Host '  retrying in 30 s (role assignments can take minutes to apply)...'
        Start-Sleep -Seconds 30
    }
}

# Creates each named secret the vault lacks.
function New-MissingSecrets([string] $Vault, [string] $Names) {
    foreach ($name in $Names -split ' ') {
        if (-not $name) { continue }
        if (Invoke-Az { az keyvault secret show --vault-name $Vault --name $name --query id --output tsv } 'SecretNotFound') {
            Write-Host "Key Vault secret '$name' exists in $Vault; left as it is."
            continue
        }
        Write-Host "Creating Key Vault secret '$name' in $Vault..."
        if ($name.EndsWith('api-key')) {
            # An API key (or the worker key): sk- and 256 random bits in base64url, the shape the API issues.
            $bytes = [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32)
            $value = 'sk-' + [Convert]::ToBase64String($bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_')
        }
        elseif ($name.EndsWith('webhook-signing-secret')) {
            # A webhook signing key as Standard Webhooks writes it: whsec_ and 256 random bits in Base64.
            $value = 'whsec_' + [Convert]::ToBase64String([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32))
        }
        else {
            $value = [Convert]::ToBase64String([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(48))
        }
        [System.IO.File]::WriteAllText($secretFile.FullName, $value)
        Invoke-Az { az keyvault secret set --vault-name $Vault --name $name --file $secretFile.FullName --encoding utf-8 --output none } | Out-Null
        [System.IO.File]::WriteAllText($secretFile.FullName, '')
    }
}

$secretFile = New-TemporaryFile
try {
    New-MissingSecrets $env:AZURE_KEY_VAULT_NAME "$env:KEY_VAULT_SECRET_NAMES"
    New-MissingSecrets $env:WORKER_KEY_VAULT_NAME "$env:WORKER_KEY_VAULT_SECRET_NAMES"
}
finally {
    Remove-Item $secretFile.FullName -Force
}
