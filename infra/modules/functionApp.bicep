// The API: a .NET 10 isolated Functions app on an Elastic Premium plan (HTTP streaming needs Premium).
// Every connection is identity-based. The app runs from a package in blob storage read with its identity,
// because the Azure Files content share that Premium plans use by default needs the storage account key.

@description('Azure region of the plan and the app.')
param location string

@description('Tags for every resource.')
param tags object

@description('Elastic Premium plan name.')
param planName string

@description('Elastic Premium size: EP1 (1 vCPU, 3.5 GB), EP2, EP3.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param planSku string

@description('Most instances the plan scales out to.')
@minValue(1)
@maxValue(100)
param maximumElasticWorkerCount int

@description('Functions app name.')
param functionAppName string

@description('Resource ID of the app\'s user-assigned identity.')
param identityId string

@description('Client ID of the app\'s user-assigned identity.')
param identityClientId string

@description('The storage account for the Functions host and the API\'s tables and queues.')
param storageAccountName string

@description('The blob endpoint of that account.')
param blobEndpoint string

@description('The blob container holding the deployment package.')
param packageContainerName string

@description('The deployment package\'s blob name; the postdeploy hook uploads it.')
param packageBlobName string

@description('The Application Insights component the host sends telemetry to.')
param applicationInsightsName string

@description('App settings read from Key Vault: each a setting name (Section__Property), the vault and the secret name.')
param keyVaultReferences array

@description('The delegated subnet of the app\'s VNet integration.')
param subnetId string

@description('Base URL of the GPU worker\'s serve mode (internal ingress).')
param workerBaseUrl string

@description('Whether /readyz may call the worker: only where it never scales to zero, since a call would start a GPU replica.')
param readinessProbesWorker bool

@description('Whether the bootstrap admin key (ADMIN_API_KEY) is accepted; turn it off once an admin key of your own exists.')
param bootstrapKeyEnabled bool

@description('Browser origins allowed to call the API (CORS), separated by commas, such as https://app.example.com; empty: CORS off.')
param corsAllowedOrigins string

@description('The Key Vault key that wraps the API\'s Data Protection key ring (the per-key webhook secrets\' encryption).')
param keyRingKeyUri string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'elastic'
  sku: {
    name: planSku
    tier: 'ElasticPremium'
  }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: maximumElasticWorkerCount
  }
}

// One Key Vault reference per secret option; resolved with the app's identity (keyVaultReferenceIdentity).
var secretSettings = [
  for reference in keyVaultReferences: {
    name: reference.setting
    value: '@Microsoft.KeyVault(VaultName=${reference.vault};SecretName=${reference.secret})'
  }
]

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: subnetId
    siteConfig: {
      // Everything the app and the platform send for it goes into the network: Storage, Key Vault (its references
      // included, which a Linux app resolves through the network only with this on) and the package blob answer
      // only on private endpoints there, and the worker only on the environment's private address.
      vnetRouteAllEnabled: true
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
      // Exactly the settings the host and the code read; a test holds this list to the code's options classes.
      appSettings: concat(
        [
          // The Functions host.
          {
            name: 'FUNCTIONS_EXTENSION_VERSION'
            value: '~4'
          }
          {
            name: 'FUNCTIONS_WORKER_RUNTIME'
            value: 'dotnet-isolated'
          }
          // Host storage, and the API's tables and queues, through the app's identity: no connection string.
          {
            name: 'AzureWebJobsStorage__accountName'
            value: storageAccountName
          }
          {
            name: 'AzureWebJobsStorage__credential'
            value: 'managedidentity'
          }
          {
            name: 'AzureWebJobsStorage__clientId'
            value: identityClientId
          }
          // The code runs from the package blob, fetched with the app's identity.
          {
            name: 'WEBSITE_RUN_FROM_PACKAGE'
            value: '${blobEndpoint}${packageContainerName}/${packageBlobName}'
          }
          {
            name: 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID'
            value: identityId
          }
          // Telemetry, authenticated with Microsoft Entra ID (the component accepts nothing else).
          {
            name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
            value: applicationInsights.properties.ConnectionString
          }
          {
            name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
            value: 'ClientId=${identityClientId};Authorization=AAD'
          }
          // The API's options (Section__Property).
          {
            name: 'Worker__BaseUrl'
            value: workerBaseUrl
          }
          {
            name: 'Readiness__ProbeWorker'
            value: readinessProbesWorker ? 'true' : 'false'
          }
          {
            name: 'Auth__BootstrapKeyEnabled'
            value: bootstrapKeyEnabled ? 'true' : 'false'
          }
          {
            name: 'KeyRing__KeyVaultKeyId'
            value: keyRingKeyUri
          }
          {
            name: 'Cors__AllowedOrigins'
            value: corsAllowedOrigins
          }
        ],
        secretSettings
      )
    }
  }
}

// No FTP and no basic-auth deployments: the package is uploaded to blob storage with Microsoft Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
