// The Container Apps environment: workload profiles, the serverless GPU profile, internal only.
// Logs go to Azure Monitor through a diagnostic setting, so no workspace key is ever handed to the environment.

@description('Azure region of the environment (it must offer the chosen serverless GPU profile).')
param location string

@description('Tags for every resource.')
param tags object

@description('Container Apps environment name.')
param environmentName string

@description('The delegated subnet the environment runs in.')
param infrastructureSubnetId string

@description('The virtual network, linked to the private DNS zone of the environment\'s domain.')
param vnetId string

@description('The workload profile name apps and jobs use to get a GPU.')
param gpuProfileName string

@description('The serverless GPU workload profile type.')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
])
param gpuProfileType string

@description('The Log Analytics workspace the environment\'s logs and metrics go to.')
param logAnalyticsId string

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    vnetConfiguration: {
      internal: true
      infrastructureSubnetId: infrastructureSubnetId
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
      {
        name: gpuProfileName
        workloadProfileType: gpuProfileType
      }
    ]
    zoneRedundant: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: environment
  properties: {
    workspaceId: logAnalyticsId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// An internal environment answers on a private IP under its own domain: resolve that domain inside the network.
module dns 'privateDnsZone.bicep' = {
  name: 'container-apps-dns'
  params: {
    tags: tags
    zoneName: environment.properties.defaultDomain
    ipAddress: environment.properties.staticIp
    vnetId: vnetId
  }
}

output id string = environment.id
output name string = environment.name
