// The GPU worker in serve mode: a Container App on the serverless GPU profile, reachable only from the API's subnet.
// The API streams and runs synchronous requests through it; it scales on concurrent requests, to zero when idle.

@description('Azure region of the app.')
param location string

@description('Tags for every resource (the azd service tag is added here).')
param tags object

@description('Container app name.')
param appName string

@description('The Container Apps environment.')
param environmentId string

@description('The GPU workload profile of the environment.')
param gpuProfileName string

@description('Resource ID of the app\'s user-assigned identity (AcrPull on the registry).')
param identityId string

@description('The registry the image is pulled from.')
param registryLoginServer string

@description('The worker image.')
param image string

@description('The port the image listens on.')
param targetPort int

@description('The only address range that may call the worker: the subnet of the Functions app\'s VNet integration.')
param callerAddressRange string

@description('vCPUs of one replica (a serverless GPU replica gets the whole profile).')
param cpu int

@description('Memory of one replica, e.g. 56Gi.')
param memory string

@description('The worker\'s environment variables (its options, Section__Property).')
param env array

@description('The Application Insights component the worker sends spans and metrics to (Microsoft Entra authentication only).')
param applicationInsightsName string

@description('Client ID of the identity the worker authenticates its telemetry with (its own; Monitoring Metrics Publisher, see access.bicep).')
param telemetryClientId string

@description('URI of the Key Vault holding the worker key (only the worker key: the worker\'s identity reads nothing else).')
param keyVaultUri string

@description('The secret the API presents as a bearer token (Serve:ApiKey; the API\'s Worker:ApiKey).')
param apiKeySecretName string

@description('The previous worker key, accepted as well while the key is rolled (Serve:PreviousApiKey).')
param previousApiKeySecretName string

@description('Replicas kept warm; 0 lets the GPU scale to zero (cold starts take minutes).')
@minValue(0)
param minReplicas int

@description('Most replicas (each is one GPU).')
@minValue(1)
param maxReplicas int

@description('Concurrent requests per replica before another replica starts.')
@minValue(1)
param concurrentRequests int

// Set explicitly: a serverless GPU profile gets no default probes, so without these a replica that never listens
// would look healthy. They hold for the placeholder image as well (it listens on the same port and answers
// /healthz; it never passes /readyz, so it never takes traffic), because azd's deploy swaps only the image.
var probes = [
  {
    type: 'Startup'
    httpGet: {
      path: '/healthz'
      port: targetPort
    }
    periodSeconds: 10
    failureThreshold: 30 // models load before the first answer
  }
  {
    type: 'Liveness'
    httpGet: {
      path: '/healthz'
      port: targetPort
    }
    periodSeconds: 30
  }
  {
    type: 'Readiness'
    httpGet: {
      path: '/readyz'
      port: targetPort
    }
    periodSeconds: 10
  }
]

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Serverless.Telemetry reads these, as the API's Functions app does: a request's or a job's trace continues into the worker.
var telemetryEnv = [
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: applicationInsights.properties.ConnectionString
  }
  {
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'ClientId=${telemetryClientId};Authorization=AAD'
  }
]

// The worker answers /v1/* and /metrics only to callers presenting the worker key (the API). Container Apps reads
// the versionless secrets from Key Vault with the worker's identity, and picks up a new version within 30 minutes
// (docs/deploy.md, "Rolling keys and secrets"). Until the postprovision hook has created them, the first
// revision cannot start; `azd up` creates them before it deploys the worker image, which makes a new revision.
var keySecrets = [
  {
    name: apiKeySecretName
    keyVaultUrl: '${keyVaultUri}secrets/${apiKeySecretName}'
    identity: identityId
  }
  {
    name: previousApiKeySecretName
    keyVaultUrl: '${keyVaultUri}secrets/${previousApiKeySecretName}'
    identity: identityId
  }
]
var keyEnv = [
  {
    name: 'Serve__ApiKey'
    secretRef: apiKeySecretName
  }
  {
    name: 'Serve__PreviousApiKey'
    secretRef: previousApiKeySecretName
  }
]

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'worker' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: gpuProfileName
    configuration: {
      activeRevisionsMode: 'Single'
      // `external: true` within an internal environment: reachable from the virtual network, never from the
      // internet. Internal ingress (`external: false`) is reachable only from inside the Container Apps environment
      // (https://learn.microsoft.com/azure/container-apps/ingress-overview), and the Functions app is in the network
      // but outside the environment: its calls got 404 from the environment's proxy
      // (https://github.com/microsoft/azure-container-apps/issues/1714). The IP rule narrows it to the API's subnet.
      ingress: {
        external: true
        targetPort: targetPort
        transport: 'http'
        allowInsecure: false
        ipSecurityRestrictions: [
          {
            name: 'functions-subnet'
            description: 'The API (Functions app) through its VNet integration'
            action: 'Allow'
            ipAddressRange: callerAddressRange
          }
        ]
      }
      registries: [
        {
          server: registryLoginServer
          identity: identityId
        }
      ]
      secrets: keySecrets
    }
    template: {
      containers: [
        {
          name: 'worker'
          image: image
          resources: {
            cpu: cpu
            memory: memory
          }
          env: concat(env, telemetryEnv, keyEnv)
          probes: probes
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'concurrent-requests'
            http: {
              metadata: {
                concurrentRequests: string(concurrentRequests)
              }
            }
          }
        ]
      }
    }
  }
}

output name string = app.name
output fqdn string = app.properties.configuration.ingress.fqdn
