// The user-assigned identities: one per workload, so each gets only the roles it needs (see access.bicep).
// User-assigned rather than system-assigned so that roles exist before the apps first start and pull images.

@description('Azure region of the identities.')
param location string

@description('Tags for every resource.')
param tags object

@description('Identity of the Functions app (the API).')
param apiIdentityName string

@description('Identity of the worker container app (serve mode).')
param workerIdentityName string

@description('Identity of the worker Container Apps job (queue mode).')
param jobIdentityName string

resource api 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: apiIdentityName
  location: location
  tags: tags
}

resource worker 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: workerIdentityName
  location: location
  tags: tags
}

resource job 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: jobIdentityName
  location: location
  tags: tags
}

output apiId string = api.id
output apiClientId string = api.properties.clientId
output apiPrincipalId string = api.properties.principalId
output workerId string = worker.id
output workerClientId string = worker.properties.clientId
output workerPrincipalId string = worker.properties.principalId
output jobId string = job.id
output jobClientId string = job.properties.clientId
output jobPrincipalId string = job.properties.principalId
