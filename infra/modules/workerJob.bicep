// The GPU worker in queue mode: an event-driven Container Apps job. KEDA's azure-queue scaler watches the
// jobs queue with the job's identity and starts one execution per messagesPerExecution waiting messages, up to
// maxExecutions.

@description('Azure region of the job.')
param location string

@description('Tags for every resource.')
param tags object

@description('Container Apps job name.')
param jobName string

@description('The Container Apps environment.')
param environmentId string

@description('The GPU workload profile of the environment.')
param gpuProfileName string

@description('Resource ID of the job\'s user-assigned identity (AcrPull, and its queue, table and blob roles).')
param identityId string

@description('The registry the image is pulled from.')
param registryLoginServer string

@description('The worker image (the same image as the serve-mode app).')
param image string

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

@description('The storage account of the queue.')
param storageAccountName string

@description('The queues the API enqueues jobs on, one per priority class (Serverless.Api.Jobs.JobQueues): one scale rule each.')
param jobWorkQueueNames array

@description('Most executions running at once (each is one GPU).')
@minValue(1)
param maxExecutions int

@description('Seconds between two looks at the queue.')
@minValue(10)
param pollingIntervalSeconds int

@description('Messages one execution takes at once (the worker\'s JobMode:MaxConcurrentJobs): the scale rule\'s target per execution.')
@minValue(1)
param messagesPerExecution int

@description('Longest an execution may run, in seconds.')
@minValue(60)
param replicaTimeoutSeconds int

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

resource job 'Microsoft.App/jobs@2025-01-01' = {
  name: jobName
  location: location
  tags: tags
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
      triggerType: 'Event'
      replicaTimeout: replicaTimeoutSeconds
      replicaRetryLimit: 1
      registries: [
        {
          server: registryLoginServer
          identity: identityId
        }
      ]
      eventTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
        scale: {
          minExecutions: 0
          maxExecutions: maxExecutions
          pollingInterval: pollingIntervalSeconds
          // One rule per class's queue, so work of any class starts an execution; an execution drains every class,
          // highest first, and exits only when all of them have stayed empty. KEDA takes the largest count the rules
          // ask for (not their sum), so a backlog split across classes scales out by its largest part.
          rules: [
            for name in jobWorkQueueNames: {
              name: '${name}-queue'
              type: 'azure-queue'
              metadata: {
                accountName: storageAccountName
                queueName: name
                // One execution takes up to this many messages at once: fewer waiting would start executions that
                // find nothing, idle and exit, each paying a GPU cold start.
                queueLength: string(messagesPerExecution)
                // Count only visible messages: the ones an execution holds (invisible while it runs them) need no
                // new execution. KEDA's azure-queue scaler has this since 2.15; Container Apps runs 2.18.1
                // (azure-container-apps issues 1819 and, for jobs, 1387). Past 32 visible messages KEDA counts
                // all of them again, by which point more executions are due anyway.
                queueLengthStrategy: 'visibleonly'
              }
              identity: identityId // managed identity: no connection string secret
            }
          ]
        }
      }
    }
    template: {
      containers: [
        {
          name: 'worker'
          image: image
          args: [
            'job'
          ]
          resources: {
            cpu: cpu
            memory: memory
          }
          env: concat(env, telemetryEnv)
        }
      ]
    }
  }
}

output name string = job.name
