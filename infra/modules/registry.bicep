// The container registry for the GPU worker's image. No admin user: the worker's identities pull with AcrPull.
// Private (public network access off, pulls through the private endpoint) unless allowPublicNetworkAccess; a
// private endpoint needs the Premium tier, so a private registry is Premium whatever skuName says.

@description('Azure region of the registry.')
param location string

@description('Tags for every resource.')
param tags object

@description('Container registry name.')
param registryName string

@description('Registry tier (Premium adds artifact streaming, which shortens GPU cold starts).')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param skuName string

@description('Accept pulls and pushes from public networks (still Microsoft Entra ID only); `azd deploy` from outside the network needs it.')
param allowPublicNetworkAccess bool

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  tags: tags
  sku: {
    name: allowPublicNetworkAccess ? skuName : 'Premium'
  }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: allowPublicNetworkAccess ? 'Enabled' : 'Disabled'
    networkRuleBypassOptions: 'AzureServices'
  }
}

output name string = registry.name
output id string = registry.id
output loginServer string = registry.properties.loginServer
