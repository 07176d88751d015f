// The container registry for the GPU worker's image. No admin user: the worker's identities pull with AcrPull.

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

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

output name string = registry.name
output loginServer string = registry.properties.loginServer
