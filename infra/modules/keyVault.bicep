// Key Vault in RBAC mode for the API's secrets (the key pepper, the bootstrap admin key, the webhook signing
// secret). Secret values are never in a template or a parameter: the postprovision hook creates each secret
// that main.bicep's keyVaultReferences names when it is missing (random), and operators roll them (docs/deploy.md).

@description('Azure region of the vault.')
param location string

@description('Tags for every resource.')
param tags object

@description('Key Vault name.')
param keyVaultName string

@description('Turn on purge protection: a deleted vault (and the key pepper in it) can be recovered for 90 days, but not purged.')
param purgeProtection bool

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
