// The whole system in one resource group: `azd up` provisions it (this file) and deploys both services
// (azure.yaml). Every connection is identity-based; no key, password or connection string is created,
// passed or output. See docs/deploy.md.
targetScope = 'subscription'

@description('Name of the environment (azd): part of every resource name, and the tag azd finds resources by.')
@minLength(1)
@maxLength(48)
param environmentName string

@description('Azure region. It must offer the chosen serverless GPU profile (e.g. westus3, australiaeast, swedencentral).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Principal ID of whoever deploys (azd sets it): may upload the API package and manage Key Vault secrets. Empty grants nothing.')
param principalId string = ''

@description('Kind of that principal.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Elastic Premium size of the API\'s plan.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param functionPlanSku string = 'EP1'

@description('Most instances the API\'s plan scales out to.')
@minValue(1)
@maxValue(100)
param functionPlanMaximumInstances int = 20

@description('Serverless GPU of the worker: NVIDIA T4 (16 GB) or A100 (80 GB). Needs quota in the region (docs/deploy.md).')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
])
param gpuProfileType string = 'Consumption-GPU-NC8as-T4'

@description('The worker image; empty until the first `azd deploy` pushes one (azd passes SERVICE_WORKER_IMAGE_NAME), meanwhile a placeholder runs.')
param workerImageName string = ''

@description('Serve-mode replicas kept warm; 0 scales the GPU to zero when idle (cold starts take minutes).')
@minValue(0)
@maxValue(10)
param workerMinReplicas int = 0

@description('Most serve-mode replicas (one GPU each).')
@minValue(1)
@maxValue(20)
param workerMaxReplicas int = 2

@description('Concurrent requests per serve-mode replica before another starts.')
@minValue(1)
param workerConcurrentRequests int = 16

@description('Most sequences one model decodes together (Inference:MaxBatchSize).')
@minValue(1)
@maxValue(256)
param workerMaxBatchSize int = 16

@description('Most queue-mode job executions at once (one GPU each).')
@minValue(1)
@maxValue(20)
param jobMaxExecutions int = 2

@description('Longest one job execution may run, in seconds (the platform stops it then, whatever it is doing).')
@minValue(60)
param jobReplicaTimeoutSeconds int = 3600

@description('Longest one async job takes on the GPU, in seconds: an execution stops taking new work this long before its replica timeout.')
@minValue(30)
param jobLongestJobSeconds int = 600

@description('Jobs one execution runs at once (JobMode:MaxConcurrentJobs); the scale rule starts one execution per this many waiting.')
@minValue(1)
@maxValue(256)
param jobMaxConcurrentJobs int = 16

@description('Seconds between two looks at the work queues (jobs-high, jobs, jobs-low).')
@minValue(10)
param jobPollingIntervalSeconds int = 30

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Container registry tier (Premium adds artifact streaming for faster GPU cold starts).')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param containerRegistrySku string = 'Basic'

@description('Key Vault purge protection: keeps the key pepper recoverable, but a deleted vault\'s name stays taken for 90 days.')
param keyVaultPurgeProtection bool = true

@description('Address space of the virtual network.')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('Subnet of the Container Apps environment.')
param containerAppsSubnetPrefix string = '10.40.0.0/23'

@description('Subnet of the API\'s VNet integration.')
param functionsSubnetPrefix string = '10.40.2.0/24'

@description('Subnet of the private endpoints of Storage, the Key Vaults and the registry.')
param privateEndpointsSubnetPrefix string = '10.40.3.0/24'

@description('Keep Storage, the Key Vaults and the registry reachable from public networks (still Microsoft Entra ID only). Off, they answer only on their private endpoints, and `azd up` must run from inside the network (docs/deploy.md); on, for a dev deployment from a laptop.')
param allowPublicNetworkAccess bool = false

@description('Accept the bootstrap admin key (Key Vault secret admin-api-key). Turn it off once an admin key of your own exists (docs/deploy.md).')
param bootstrapKeyEnabled bool = true

@description('Browser origins allowed to call the API from their pages (CORS), separated by commas, each as a browser sends it (https://app.example.com); empty: CORS off (docs/deploy.md).')
param corsAllowedOrigins string = ''

@description('Days logs are kept.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('More API app settings read from its Key Vault, setting name -> secret name, for secrets an operator puts there: the key a model catalog deployment names (its credential AzureOpenAI--Key is the setting AzureOpenAI__Key), or the response cache\'s Redis connection string (ResponseCache__Redis). Provisioning keeps them as references; the postprovision hook never creates these secrets.')
param apiKeyVaultSettings object = {}

@description('Who is emailed when an alert fires; empty sends nothing (the alerts still show in Azure Monitor).')
param alertEmail string = ''

@description('p95 API latency, in milliseconds, that raises an alert.')
@minValue(100)
param latencyP95ThresholdMs int = 20000

@description('Share of API requests answered 429, in percent, that raises an alert.')
@minValue(1)
@maxValue(100)
param throttledPercentThreshold int = 10

@description('Seconds the oldest message of a work queue (jobs-high, jobs, jobs-low) or the results queue may wait before an alert.')
@minValue(1)
param jobQueueAgeThresholdSeconds int = 300

@description('503 answers (worker unreachable) in 5 minutes that raise an alert.')
@minValue(1)
param workerUnavailableThreshold int = 5

var tags = {
  'azd-env-name': environmentName
}
var token = toLower(uniqueString(subscription().id, environmentName, location))

// The storage names of async jobs the code uses (Serverless.Jobs.JobQueueNames, JobEntity.TableName); a test
// holds them equal.
var jobQueues = {
  jobsHigh: 'jobs-high'
  jobs: 'jobs'
  jobsLow: 'jobs-low'
  results: 'results'
  jobsPoison: 'jobs-poison'
}
// The work queue of each priority class, highest first (JobQueueNames.WorkByClass): the API sends a job to its
// caller's class, the job worker drains them in this order, and the Container Apps job scales on every one.
var jobWorkQueueNames = [
  jobQueues.jobsHigh
  jobQueues.jobs
  jobQueues.jobsLow
]
var jobPayloadContainerName = 'job-payloads'
var jobsTableName = 'jobs'

// App settings of the API read from Key Vault: setting name -> secret name. The postprovision hook creates
// each named secret with a random value when it is missing. Add one entry per secret the code reads: the
// settings parity test fails until every required option is set, and refuses any secret-like setting that is
// not a Key Vault reference.
var keyVaultReferences = {
  ADMIN_API_KEY: 'admin-api-key' // the bootstrap admin key (Serverless.Api.Auth.CallerAuthenticator)
  Auth__KeyPepper: 'auth-key-pepper' // AuthOptions.KeyPepper: rolling it invalidates every issued key
  Webhooks__SigningSecret: 'webhook-signing-secret' // WebhookOptions.SigningSecret: without it, jobs with a webhook are refused
}

var keyVaultSecretNames = [for reference in items(keyVaultReferences): reference.value]
var operatorSecretReferences = [
  for reference in items(apiKeyVaultSettings): {
    setting: reference.key
    vault: apiKeyVaultName
    secret: reference.value
  }
]
var apiKeyVaultName = 'kv-${token}'
var apiKeyVaultReferences = [
  for reference in items(keyVaultReferences): {
    setting: reference.key
    vault: apiKeyVaultName
    secret: reference.value
  }
]

// The worker key: the API presents it (WorkerOptions.ApiKey), the serve-mode worker accepts it or the previous
// one (ServeOptions.ApiKey, PreviousApiKey). It lives in a vault of its own, so the worker's identity can read it
// without reading the API's secrets; the postprovision hook creates both secrets too.
var workerKeySecrets = {
  current: 'worker-api-key'
  previous: 'worker-api-key-previous'
}
var workerKeySetting = 'Worker__ApiKey'
var workerKeyVaultName = 'kvw-${token}'

// The storage the API uses besides the queue-mode job's (storage.bicep creates every one, access.bicep scopes
// the API's roles to each): the Functions host's containers; Durable Functions' task hub (host.json hubName
// "serverlessjobs", four partitions: its control queues, work-item queue, tables and containers); the poison
// queue of the results trigger; the tables of the API core (each store's TableName; a test holds them equal).
var durableHub = 'serverlessjobs'
var apiHostContainerNames = [
  'azure-webjobs-hosts'
  'azure-webjobs-secrets'
]
var keyRingContainerName = 'dataprotection' // KeyRingOptions.Container: the Data Protection key ring's blob
// The Files API's bytes (FileEntity.TableName) and the batches' input slices (BatchSlices.ContainerName).
var apiDataContainerNames = [
  'files'
  'batches'
]
var keyRingKeyName = 'key-ring' // the Key Vault key that wraps the key ring's keys
var apiDurableContainerNames = [
  '${durableHub}-leases'
  '${durableHub}-applease'
  '${durableHub}-largemessages'
]
var apiExtraQueueNames = [
  '${jobQueues.results}-poison'
  '${durableHub}-control-00'
  '${durableHub}-control-01'
  '${durableHub}-control-02'
  '${durableHub}-control-03'
  '${durableHub}-workitems'
]
var apiTableNames = [
  'apikeys'
  'apikeysecrets'
  'quotacounters'
  'tiers'
  'prices'
  'catalog'
  'usagerecords'
  'usagedaily'
  'webhookdeliveries'
  'webhooksecrets'
  'files'
  'batches'
  '${durableHub}Instances'
  '${durableHub}History'
  '${durableHub}Partitions'
]

// The privatelink DNS zones of the private endpoints (as "Azure Private Endpoint private DNS zone values" names them).
var privateDnsZones = {
  blob: 'privatelink.blob.${environment().suffixes.storage}'
  queue: 'privatelink.queue.${environment().suffixes.storage}'
  table: 'privatelink.table.${environment().suffixes.storage}'
  vault: 'privatelink.vaultcore.azure.net'
  registry: 'privatelink${environment().suffixes.acrLoginServer}'
}
var privateDnsZoneNames = [for zone in items(privateDnsZones): zone.value]

// The port the worker image listens on (gpu-worker/Dockerfile sets URLS); a test holds them equal.
var workerPort = 8080

// Until azd pushes the worker image, a public placeholder lets the apps provision. It must listen on workerPort and
// answer /healthz: azd's deploy later swaps only the image, so the port and probes set now are the worker's for good.
// The .NET sample app listens on 8080 (the .NET 8+ images' ASPNETCORE_HTTP_PORTS) and maps /healthz.
var placeholderImage = 'mcr.microsoft.com/dotnet/samples:aspnetapp'
var workerImage = empty(workerImageName) ? placeholderImage : workerImageName

// Serverless GPU profiles by region, as "Using serverless GPUs in Azure Container Apps" lists them (June 2025).
// A region not listed here is not refused (the list grows): `az containerapp env workload-profile list-supported`
// is the authority. A listed region that lacks the chosen GPU fails the deployment before anything is created.
var gpuProfilesByRegion = {
  westus3: ['Consumption-GPU-NC8as-T4', 'Consumption-GPU-NC24-A100']
  westus: ['Consumption-GPU-NC24-A100']
  australiaeast: ['Consumption-GPU-NC8as-T4', 'Consumption-GPU-NC24-A100']
  swedencentral: ['Consumption-GPU-NC8as-T4', 'Consumption-GPU-NC24-A100']
  westeurope: ['Consumption-GPU-NC8as-T4']
}
var checkedGpuProfileType = contains(gpuProfilesByRegion[?toLower(location)] ?? [gpuProfileType], gpuProfileType)
  ? gpuProfileType
  : fail('gpuProfileType ${gpuProfileType} is not offered in ${location}: it offers only ${join(gpuProfilesByRegion[toLower(location)], ', ')}. Choose another region or GPU (docs/deploy.md, "Serverless GPU quota").')

// An execution stops taking new jobs this long after it starts and finishes those it holds, so the platform never
// stops it mid-job at its replica timeout (which would bring the job back with one more delivery counted).
var jobMaxRunTimeSeconds = jobReplicaTimeoutSeconds > jobLongestJobSeconds
  ? jobReplicaTimeoutSeconds - jobLongestJobSeconds
  : fail('jobReplicaTimeoutSeconds must be longer than jobLongestJobSeconds.')

// A serverless GPU replica gets the whole profile.
var gpuReplicaSizes = {
  'Consumption-GPU-NC8as-T4': {
    cpu: 8
    memory: '56Gi'
  }
  'Consumption-GPU-NC24-A100': {
    cpu: 24
    memory: '220Gi'
  }
}
var gpuProfileName = 'gpu'

// The worker's options (Section__Property), the same for serve mode and job mode.
var workerEnv = [
  {
    name: 'Inference__ExecutionProvider'
    value: 'cuda'
  }
  {
    name: 'Inference__MaxBatchSize'
    value: string(workerMaxBatchSize)
  }
]

// Job mode only: how many jobs an execution runs at once, and when it stops taking new ones ([d.]h:m:s).
var jobModeEnv = [
  {
    name: 'JobMode__MaxConcurrentJobs'
    value: string(jobMaxConcurrentJobs)
  }
  {
    name: 'JobMode__MaxRunTime'
    value: '${jobMaxRunTimeSeconds / 86400}.${(jobMaxRunTimeSeconds % 86400) / 3600}:${(jobMaxRunTimeSeconds % 3600) / 60}:${jobMaxRunTimeSeconds % 60}'
  }
]

// The queue-mode job reaches storage as the API does (Serverless.Jobs.StorageAccount reads AzureWebJobsStorage):
// through its own identity, no connection string.
var jobStorageEnv = [
  {
    name: 'AzureWebJobsStorage__accountName'
    value: storage.outputs.name
  }
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identities.outputs.jobClientId
  }
]

var packageContainerName = 'app-package'
var packageBlobName = 'serverless-functions.zip'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identities 'modules/identities.bicep' = {
  name: 'identities'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    apiIdentityName: 'id-api-${token}'
    workerIdentityName: 'id-worker-${token}'
    jobIdentityName: 'id-job-${token}'
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${token}'
    applicationInsightsName: 'appi-${token}'
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    storageAccountName: 'st${token}'
    skuName: storageSku
    jobWorkQueueNames: jobWorkQueueNames
    resultsQueueName: jobQueues.results
    jobsPoisonQueueName: jobQueues.jobsPoison
    jobPayloadContainerName: jobPayloadContainerName
    jobsTableName: jobsTableName
    packageContainerName: packageContainerName
    apiContainerNames: concat(apiHostContainerNames, apiDurableContainerNames, apiDataContainerNames, [keyRingContainerName])
    apiQueueNames: apiExtraQueueNames
    apiTableNames: apiTableNames
    allowPublicNetworkAccess: allowPublicNetworkAccess
  }
}

module network 'modules/network.bicep' = {
  name: 'network'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    vnetName: 'vnet-${token}'
    addressPrefix: vnetAddressPrefix
    containerAppsSubnetPrefix: containerAppsSubnetPrefix
    functionsSubnetPrefix: functionsSubnetPrefix
    privateEndpointsSubnetPrefix: privateEndpointsSubnetPrefix
    natGatewayName: 'ng-${token}'
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'key-vault'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    keyVaultName: apiKeyVaultName
    purgeProtection: keyVaultPurgeProtection
    allowPublicNetworkAccess: allowPublicNetworkAccess
    keyRingKeyName: keyRingKeyName
  }
}

// Holds only the worker key, which a new random value replaces at no cost: no purge protection.
module workerKeyVault 'modules/keyVault.bicep' = {
  name: 'worker-key-vault'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    keyVaultName: workerKeyVaultName
    purgeProtection: false
    allowPublicNetworkAccess: allowPublicNetworkAccess
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    registryName: 'cr${token}'
    skuName: containerRegistrySku
    allowPublicNetworkAccess: allowPublicNetworkAccess
  }
}

module privateEndpoints 'modules/privateEndpoints.bicep' = {
  name: 'private-endpoints'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    vnetId: network.outputs.id
    subnetId: network.outputs.privateEndpointsSubnetId
    zoneNames: privateDnsZoneNames
    endpoints: [
      {
        name: 'pe-st-blob-${token}'
        id: storage.outputs.id
        groupId: 'blob'
        zone: privateDnsZones.blob
      }
      {
        name: 'pe-st-queue-${token}'
        id: storage.outputs.id
        groupId: 'queue'
        zone: privateDnsZones.queue
      }
      {
        name: 'pe-st-table-${token}'
        id: storage.outputs.id
        groupId: 'table'
        zone: privateDnsZones.table
      }
      {
        name: 'pe-kv-${token}'
        id: keyVault.outputs.id
        groupId: 'vault'
        zone: privateDnsZones.vault
      }
      {
        name: 'pe-kvw-${token}'
        id: workerKeyVault.outputs.id
        groupId: 'vault'
        zone: privateDnsZones.vault
      }
      {
        name: 'pe-cr-${token}'
        id: registry.outputs.id
        groupId: 'registry'
        zone: privateDnsZones.registry
      }
    ]
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  scope: resourceGroup
  params: {
    storageAccountName: storage.outputs.name
    jobWorkQueueNames: jobWorkQueueNames
    resultsQueueName: jobQueues.results
    jobsPoisonQueueName: jobQueues.jobsPoison
    jobPayloadContainerName: jobPayloadContainerName
    jobsTableName: jobsTableName
    packageContainerName: packageContainerName
    apiHostContainerNames: apiHostContainerNames
    apiContainerNames: concat(apiDurableContainerNames, apiDataContainerNames, [jobPayloadContainerName, keyRingContainerName])
    apiQueueNames: concat(jobWorkQueueNames, [jobQueues.results, jobQueues.jobsPoison], apiExtraQueueNames)
    apiTableNames: concat([jobsTableName], apiTableNames)
    keyVaultName: keyVault.outputs.name
    keyRingKeyName: keyRingKeyName
    workerKeyVaultName: workerKeyVault.outputs.name
    registryName: registry.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    apiPrincipalId: identities.outputs.apiPrincipalId
    workerPrincipalId: identities.outputs.workerPrincipalId
    jobPrincipalId: identities.outputs.jobPrincipalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module containerAppsEnvironment 'modules/containerAppsEnvironment.bicep' = {
  name: 'container-apps-environment'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    environmentName: 'cae-${token}'
    infrastructureSubnetId: network.outputs.containerAppsSubnetId
    vnetId: network.outputs.id
    gpuProfileName: gpuProfileName
    gpuProfileType: checkedGpuProfileType
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
}

module workerApp 'modules/workerApp.bicep' = {
  name: 'worker-app'
  scope: resourceGroup
  dependsOn: [
    access // AcrPull and the worker key before the first pull
    privateEndpoints // the registry and the vault answer only there
  ]
  params: {
    location: location
    tags: tags
    appName: 'ca-worker-${token}'
    environmentId: containerAppsEnvironment.outputs.id
    gpuProfileName: gpuProfileName
    identityId: identities.outputs.workerId
    registryLoginServer: registry.outputs.loginServer
    image: workerImage
    targetPort: workerPort
    callerAddressRange: network.outputs.functionsSubnetPrefix
    cpu: gpuReplicaSizes[gpuProfileType].cpu
    memory: gpuReplicaSizes[gpuProfileType].memory
    env: workerEnv
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    telemetryClientId: identities.outputs.workerClientId
    minReplicas: workerMinReplicas
    maxReplicas: workerMaxReplicas
    concurrentRequests: workerConcurrentRequests
    keyVaultUri: workerKeyVault.outputs.uri
    apiKeySecretName: workerKeySecrets.current
    previousApiKeySecretName: workerKeySecrets.previous
  }
}

module workerJob 'modules/workerJob.bicep' = {
  name: 'worker-job'
  scope: resourceGroup
  dependsOn: [
    access // AcrPull and the storage roles before the first execution
    privateEndpoints // the registry and the storage account answer only there
  ]
  params: {
    location: location
    tags: tags
    jobName: 'caj-worker-${token}'
    environmentId: containerAppsEnvironment.outputs.id
    gpuProfileName: gpuProfileName
    identityId: identities.outputs.jobId
    registryLoginServer: registry.outputs.loginServer
    image: workerImage
    cpu: gpuReplicaSizes[gpuProfileType].cpu
    memory: gpuReplicaSizes[gpuProfileType].memory
    env: concat(workerEnv, jobModeEnv, jobStorageEnv)
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    telemetryClientId: identities.outputs.jobClientId
    storageAccountName: storage.outputs.name
    jobWorkQueueNames: jobWorkQueueNames
    maxExecutions: jobMaxExecutions
    messagesPerExecution: jobMaxConcurrentJobs
    pollingIntervalSeconds: jobPollingIntervalSeconds
    replicaTimeoutSeconds: jobReplicaTimeoutSeconds
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'function-app'
  scope: resourceGroup
  dependsOn: [
    access // storage, Key Vault and telemetry roles before the host starts
    privateEndpoints // storage and the vaults answer only there
  ]
  params: {
    location: location
    tags: tags
    planName: 'plan-${token}'
    planSku: functionPlanSku
    maximumElasticWorkerCount: functionPlanMaximumInstances
    functionAppName: 'func-${token}'
    identityId: identities.outputs.apiId
    identityClientId: identities.outputs.apiClientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    packageContainerName: packageContainerName
    packageBlobName: packageBlobName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultReferences: concat(apiKeyVaultReferences, operatorSecretReferences, [
      {
        setting: workerKeySetting
        vault: workerKeyVaultName
        secret: workerKeySecrets.current
      }
    ])
    subnetId: network.outputs.functionsSubnetId
    workerBaseUrl: 'https://${workerApp.outputs.fqdn}/'
    readinessProbesWorker: workerMinReplicas > 0 // a worker that may scale to zero is never woken by /readyz
    bootstrapKeyEnabled: bootstrapKeyEnabled
    corsAllowedOrigins: corsAllowedOrigins
    keyRingKeyUri: keyVault.outputs.keyRingKeyUri
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    namePrefix: 'alert-${token}'
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    alertEmail: alertEmail
    latencyP95ThresholdMs: latencyP95ThresholdMs
    throttledPercentThreshold: throttledPercentThreshold
    jobWorkQueueNames: jobWorkQueueNames
    resultsQueueName: jobQueues.results
    jobsPoisonQueueName: jobQueues.jobsPoison
    jobQueueAgeThresholdSeconds: jobQueueAgeThresholdSeconds
    workerUnavailableThreshold: workerUnavailableThreshold
  }
}

// Names and addresses only; azd stores these in the environment and the hooks read them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output API_URL string = 'https://${functionApp.outputs.defaultHostName}/v1'
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output FUNCTIONS_PACKAGE_CONTAINER string = packageContainerName
output FUNCTIONS_PACKAGE_BLOB string = packageBlobName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output KEY_VAULT_SECRET_NAMES string = join(keyVaultSecretNames, ' ')
output WORKER_KEY_VAULT_NAME string = workerKeyVault.outputs.name
output WORKER_KEY_VAULT_SECRET_NAMES string = '${workerKeySecrets.current} ${workerKeySecrets.previous}'
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = containerAppsEnvironment.outputs.name
output WORKER_APP_NAME string = workerApp.outputs.name
output WORKER_JOB_NAME string = workerJob.outputs.name
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_LOG_ANALYTICS_NAME string = monitoring.outputs.logAnalyticsName
