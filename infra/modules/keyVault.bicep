// A Key Vault in RBAC mode. main.bicep makes two: one for the API's secrets (the key pepper, the bootstrap admin
// key, the webhook signing secret), one for the worker key only, which the worker may read without reading the
// API's secrets. Secret values are never in a template or a parameter: the postprovision hook creates each secret
// main.bicep names when it is missing (random), and operators roll them (docs/deploy.md).

@description('Azure region of the vault.')
param location string

@description('Tags for every resource.')
param tags object

@description('Key Vault name.')
param keyVaultName string

@description('Turn on purge protection: a deleted vault (and the key pepper in it) can be recovered for 90 days, but not purged.')
param purgeProtection bool

@description('Accept calls from public networks (still Microsoft Entra ID and RBAC only); off, only the private endpoint reaches the vault.')
param allowPublicNetworkAccess bool

@description('Name of an RSA key to create for wrapping the API\'s Data Protection key ring; empty: none (the worker\'s vault).')
param keyRingKeyName string = ''

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
    publicNetworkAccess: allowPublicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      defaultAction: allowPublicNetworkAccess ? 'Allow' : 'Deny'
      bypass: 'AzureServices'
    }
  }
}

// The key that wraps each key of the API's Data Protection key ring (envelope encryption of the per-key webhook
// secrets): it only wraps and unwraps, and never leaves the vault. Rotating it makes a new version; the ring
// records which version wrapped each of its keys, so older ones still unwrap.
resource keyRingKey 'Microsoft.KeyVault/vaults/keys@2024-11-01' = if (!empty(keyRingKeyName)) {
  parent: vault
  name: empty(keyRingKeyName) ? 'none' : keyRingKeyName
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
output keyRingKeyUri string = empty(keyRingKeyName) ? '' : keyRingKey!.properties.keyUri
