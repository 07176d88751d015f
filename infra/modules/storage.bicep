// The one storage account: queues (jobs to the worker, results back, poisoned work), tables (keys, quotas, usage,
// jobs, Durable Functions' task hub) and blobs (large job payloads, the Functions host, the API's deployment
// package). Shared keys are off: every caller authenticates with Microsoft Entra ID (see access.bicep).
// Every queue, table and container the API and the queue-mode job use is created here, so that each role can
// be scoped to what it is for rather than to the account (access.bicep). The account is private unless
// allowPublicNetworkAccess says otherwise: the apps reach it through private endpoints (privateEndpoints.bicep).

@description('Azure region of the account.')
param location string

@description('Tags for every resource.')
param tags object

@description('Storage account name.')
param storageAccountName string

@description('Replication of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('The queues the API enqueues async jobs on, one per priority class, highest first (Serverless.Jobs.JobQueueNames.WorkByClass).')
param jobWorkQueueNames array

@description('The queue the worker posts finished jobs on (Serverless.Jobs.JobQueueNames.Results).')
param resultsQueueName string

@description('The queue the worker moves work messages delivered too often to (Serverless.Jobs.JobQueueNames.JobsPoison).')
param jobsPoisonQueueName string

@description('The blob container of job request and result bodies too large for the row (Serverless.Jobs.JobQueueNames.PayloadContainer).')
param jobPayloadContainerName string

@description('The table of job rows (Serverless.Jobs.JobEntity.TableName).')
param jobsTableName string

@description('The blob container the Functions app runs its deployment package from.')
param packageContainerName string

@description('Blob containers the API (the Functions host, Durable Functions) uses, created here so its roles can be scoped to each.')
param apiContainerNames array

@description('Queues the API uses besides the job queues, created here so its roles can be scoped to each.')
param apiQueueNames array

@description('Tables the API uses, created here so its roles can be scoped to each.')
param apiTableNames array

@description('Accept calls from public networks (still Microsoft Entra ID only); off, only the private endpoints reach the account.')
param allowPublicNetworkAccess bool

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: allowPublicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      defaultAction: allowPublicNetworkAccess ? 'Allow' : 'Deny'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: storage
  name: 'default'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: packageContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource jobPayloadContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: jobPayloadContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource apiContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [
  for name in apiContainerNames: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: storage
  name: 'default'
}

resource jobWorkQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = [
  for name in jobWorkQueueNames: {
    parent: queueService
    name: name
  }
]

resource resultsQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = {
  parent: queueService
  name: resultsQueueName
}

resource jobsPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = {
  parent: queueService
  name: jobsPoisonQueueName
}

resource apiQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = [
  for name in apiQueueNames: {
    parent: queueService
    name: name
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: storage
  name: 'default'
}

resource jobsTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = {
  parent: tableService
  name: jobsTableName
}

resource apiTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [
  for name in apiTableNames: {
    parent: tableService
    name: name
  }
]

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
