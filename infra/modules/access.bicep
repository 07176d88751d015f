// Who may do what, in one place. Built-in roles only, each at the narrowest scope that works:
// - the API (Functions host + API core): nothing on the whole storage account, but each queue, table and
//   container it uses (storage.bicep creates them all): Blob Data Owner only on the Functions host's two
//   containers (the role Microsoft documents for identity-based AzureWebJobsStorage), Blob Data Contributor on
//   the Durable Functions and job payload containers, Blob Data *Reader* on its own code package (so a compromised
//   app cannot replace the code it runs); the secrets of its vault and the worker key; wrapping and unwrapping
//   with the one key that protects its Data Protection key ring (Key Vault Crypto User on that key); publishing
//   telemetry;
// - the serve-mode worker: pulling its image and reading the worker key (its own vault: nothing else);
// - the queue-mode job: pulling its image, receiving from the jobs queue only, sending to the results and
//   jobs-poison queues only, reading and writing rows of the jobs table only and blobs of the job-payloads
//   container only (contributor, not owner); it can create nothing else in the account;
// - the deploying principal (optional): uploading the API package and managing both vaults' secrets.

@description('The storage account.')
param storageAccountName string

@description('The work queues of every priority class (the job receives from each).')
param jobWorkQueueNames array

@description('The results queue (the job sends to it).')
param resultsQueueName string

@description('The poison queue (the job sends work messages delivered too often to it).')
param jobsPoisonQueueName string

@description('The blob container of large job payloads (the job reads requests and writes results there).')
param jobPayloadContainerName string

@description('The table of job rows (the job reads and updates them).')
param jobsTableName string

@description('The blob container of the API\'s deployment package.')
param packageContainerName string

@description('Blob containers of the Functions host (Blob Data Owner, as its identity-based storage needs).')
param apiHostContainerNames array

@description('Other blob containers the API reads and writes (Durable Functions, large job payloads).')
param apiContainerNames array

@description('Queues the API sends to, receives from or watches.')
param apiQueueNames array

@description('Tables the API reads and writes.')
param apiTableNames array

@description('The Key Vault of the API\'s secrets.')
param keyVaultName string

@description('The key in the API\'s vault that wraps its Data Protection key ring (the API wraps and unwraps with it).')
param keyRingKeyName string

@description('The Key Vault of the worker key, which the API and the serve-mode worker read.')
param workerKeyVaultName string

@description('The container registry.')
param registryName string

@description('The Application Insights component.')
param applicationInsightsName string

@description('Principal ID of the API\'s identity.')
param apiPrincipalId string

@description('Principal ID of the serve-mode worker\'s identity.')
param workerPrincipalId string

@description('Principal ID of the queue-mode job\'s identity.')
param jobPrincipalId string

@description('Principal ID of whoever deploys (azd sets it); empty grants nothing.')
param deployerPrincipalId string

@description('Kind of that principal.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param deployerPrincipalType string

// Built-in role definition IDs (the same in every subscription).
var roles = {
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultCryptoUser: '12338af0-0e69-4776-bea7-57ae8d297424'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageQueueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource packageContainer 'containers' existing = {
      name: packageContainerName
    }

    resource jobPayloadContainer 'containers' existing = {
      name: jobPayloadContainerName
    }
  }

  resource queueService 'queueServices' existing = {
    name: 'default'

    resource resultsQueue 'queues' existing = {
      name: resultsQueueName
    }

    resource jobsPoisonQueue 'queues' existing = {
      name: jobsPoisonQueueName
    }
  }

  resource tableService 'tableServices' existing = {
    name: 'default'

    resource jobsTable 'tables' existing = {
      name: jobsTableName
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName

  resource keyRingKey 'keys' existing = {
    name: keyRingKeyName
  }
}

resource workerKeyVault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: workerKeyVaultName
}

resource apiHostContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = [
  for name in apiHostContainerNames: {
    name: '${storageAccountName}/default/${name}'
  }
]

resource apiContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = [
  for name in apiContainerNames: {
    name: '${storageAccountName}/default/${name}'
  }
]

resource apiQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' existing = [
  for name in apiQueueNames: {
    name: '${storageAccountName}/default/${name}'
  }
]

resource apiTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' existing = [
  for name in apiTableNames: {
    name: '${storageAccountName}/default/${name}'
  }
]

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// The API.

resource apiHostBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in apiHostContainerNames: {
    name: guid(apiHostContainers[i].id, apiPrincipalId, roles.storageBlobDataOwner)
    scope: apiHostContainers[i]
    properties: {
      description: 'API: Functions host storage (identity-based AzureWebJobsStorage): ${name}'
      principalId: apiPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    }
  }
]

resource apiBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in apiContainerNames: {
    name: guid(apiContainers[i].id, apiPrincipalId, roles.storageBlobDataContributor)
    scope: apiContainers[i]
    properties: {
      description: 'API: Durable Functions task hub and large job payloads: ${name}'
      principalId: apiPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    }
  }
]

resource apiPackage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::packageContainer.id, apiPrincipalId, roles.storageBlobDataReader)
  scope: storage::blobService::packageContainer
  properties: {
    description: 'API: run from its package blob (read only: the app cannot replace its own code)'
    principalId: apiPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataReader)
  }
}

resource apiQueueRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in apiQueueNames: {
    name: guid(apiQueues[i].id, apiPrincipalId, roles.storageQueueDataContributor)
    scope: apiQueues[i]
    properties: {
      description: 'API: jobs, results and the Durable Functions task hub: ${name}'
      principalId: apiPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    }
  }
]

resource apiTableRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in apiTableNames: {
    name: guid(apiTables[i].id, apiPrincipalId, roles.storageTableDataContributor)
    scope: apiTables[i]
    properties: {
      description: 'API: keys, quotas, usage, prices, jobs and the Durable Functions task hub: ${name}'
      principalId: apiPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    }
  }
]

resource apiSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, apiPrincipalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    description: 'API: resolve its Key Vault references'
    principalId: apiPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource apiKeyRing 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault::keyRingKey.id, apiPrincipalId, roles.keyVaultCryptoUser)
  scope: vault::keyRingKey
  properties: {
    description: 'API: wrap and unwrap the keys of its Data Protection key ring with this key only'
    principalId: apiPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoUser)
  }
}

resource apiTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, apiPrincipalId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    description: 'API: send telemetry with Microsoft Entra authentication'
    principalId: apiPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// The serve-mode worker.

resource apiWorkerKey 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workerKeyVault.id, apiPrincipalId, roles.keyVaultSecretsUser)
  scope: workerKeyVault
  properties: {
    description: 'API: resolve the worker key it presents to the worker'
    principalId: apiPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource workerTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, workerPrincipalId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    description: 'Worker (serve): send its spans and metrics with Microsoft Entra authentication'
    principalId: workerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

resource workerPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, workerPrincipalId, roles.acrPull)
  scope: registry
  properties: {
    description: 'Worker (serve): pull its image'
    principalId: workerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}

resource workerKey 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workerKeyVault.id, workerPrincipalId, roles.keyVaultSecretsUser)
  scope: workerKeyVault
  properties: {
    description: 'Worker (serve): read the worker key (and the previous one) that callers must present'
    principalId: workerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

// The queue-mode job.

resource jobTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, jobPrincipalId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    description: 'Worker (job): send its job spans with Microsoft Entra authentication, so a job\'s trace reaches the worker'
    principalId: jobPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

resource jobPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, jobPrincipalId, roles.acrPull)
  scope: registry
  properties: {
    description: 'Worker (job): pull its image'
    principalId: jobPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}

resource jobWorkQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' existing = [
  for name in jobWorkQueueNames: {
    parent: storage::queueService
    name: name
  }
]

resource jobReceive 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in jobWorkQueueNames: {
    name: guid(jobWorkQueues[i].id, jobPrincipalId, roles.storageQueueDataContributor)
    scope: jobWorkQueues[i]
    properties: {
      description: 'Worker (job): receive, renew and delete job messages of ${name}; its azure-queue scale rule reads the length'
      principalId: jobPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    }
  }
]

resource jobSend 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::queueService::resultsQueue.id, jobPrincipalId, roles.storageQueueDataMessageSender)
  scope: storage::queueService::resultsQueue
  properties: {
    description: 'Worker (job): post results'
    principalId: jobPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataMessageSender)
  }
}

resource jobPoison 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::queueService::jobsPoisonQueue.id, jobPrincipalId, roles.storageQueueDataMessageSender)
  scope: storage::queueService::jobsPoisonQueue
  properties: {
    description: 'Worker (job): move work messages delivered too often to the poison queue'
    principalId: jobPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataMessageSender)
  }
}

resource jobTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::tableService::jobsTable.id, jobPrincipalId, roles.storageTableDataContributor)
  scope: storage::tableService::jobsTable
  properties: {
    description: 'Worker (job): read job rows and cancel flags, mark them running, write results'
    principalId: jobPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

resource jobBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::jobPayloadContainer.id, jobPrincipalId, roles.storageBlobDataContributor)
  scope: storage::blobService::jobPayloadContainer
  properties: {
    description: 'Worker (job): read large requests, write large results'
    principalId: jobPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}

// The deploying principal.

resource deployerPackage 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(storage::blobService::packageContainer.id, deployerPrincipalId, roles.storageBlobDataContributor)
  scope: storage::blobService::packageContainer
  properties: {
    description: 'Deployer: upload the API package (infra/hooks/postdeploy)'
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}

resource deployerSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    description: 'Deployer: create and roll the API\'s secrets (infra/hooks/postprovision, docs/deploy.md)'
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}

resource deployerWorkerKey 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(workerKeyVault.id, deployerPrincipalId, roles.keyVaultSecretsOfficer)
  scope: workerKeyVault
  properties: {
    description: 'Deployer: create and roll the worker key (infra/hooks/postprovision, docs/deploy.md)'
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}
