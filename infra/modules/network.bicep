// The virtual network the worker lives in. The Container Apps environment is internal (the worker is never
// on the internet); the Functions app reaches it through regional VNet integration with all its outbound traffic
// routed into the network, where Storage, Key Vault and the registry answer on private endpoints (their own
// subnet). What the API calls on the internet (webhooks, telemetry, a JWT issuer's keys) leaves through a NAT
// gateway with one static address, rather than through default outbound access, which Azure is retiring.

@description('Azure region of the network.')
param location string

@description('Tags for every resource.')
param tags object

@description('Virtual network name.')
param vnetName string

@description('Address space of the network.')
param addressPrefix string

@description('Subnet of the Container Apps environment (workload profiles: /27 or larger; a serverless GPU replica takes one address).')
param containerAppsSubnetPrefix string

@description('Subnet of the Functions app\'s VNet integration (/26 or larger recommended for Elastic Premium scale-out).')
param functionsSubnetPrefix string

@description('Subnet of the private endpoints (Storage, Key Vault, registry).')
param privateEndpointsSubnetPrefix string

@description('Name of the NAT gateway the Functions subnet reaches the internet through.')
param natGatewayName string

var containerAppsSubnetName = 'snet-container-apps'
var functionsSubnetName = 'snet-functions'
var privateEndpointsSubnetName = 'snet-private-endpoints'

resource natAddress 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: '${natGatewayName}-ip'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
  }
}

resource natGateway 'Microsoft.Network/natGateways@2024-05-01' = {
  name: natGatewayName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    idleTimeoutInMinutes: 4
    publicIpAddresses: [
      {
        id: natAddress.id
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: containerAppsSubnetName
        properties: {
          addressPrefix: containerAppsSubnetPrefix
          delegations: [
            {
              name: 'container-apps'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: functionsSubnetName
        properties: {
          addressPrefix: functionsSubnetPrefix
          natGateway: {
            id: natGateway.id
          }
          delegations: [
            {
              name: 'functions'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: privateEndpointsSubnetName
        properties: {
          addressPrefix: privateEndpointsSubnetPrefix
        }
      }
    ]
  }

  resource containerAppsSubnet 'subnets' existing = {
    name: containerAppsSubnetName
  }

  resource functionsSubnet 'subnets' existing = {
    name: functionsSubnetName
  }

  resource privateEndpointsSubnet 'subnets' existing = {
    name: privateEndpointsSubnetName
  }
}

output id string = vnet.id
output containerAppsSubnetId string = vnet::containerAppsSubnet.id
output functionsSubnetId string = vnet::functionsSubnet.id
output functionsSubnetPrefix string = functionsSubnetPrefix
output privateEndpointsSubnetId string = vnet::privateEndpointsSubnet.id
