// The virtual network the worker lives in. The Container Apps environment is internal (the worker is never
// on the internet); the Functions app reaches it through regional VNet integration. Only private traffic is
// routed into the network, so the Functions app keeps its normal outbound path to Storage and Key Vault.

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

var containerAppsSubnetName = 'snet-container-apps'
var functionsSubnetName = 'snet-functions'

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
    ]
  }

  resource containerAppsSubnet 'subnets' existing = {
    name: containerAppsSubnetName
  }

  resource functionsSubnet 'subnets' existing = {
    name: functionsSubnetName
  }
}

output id string = vnet.id
output containerAppsSubnetId string = vnet::containerAppsSubnet.id
output functionsSubnetId string = vnet::functionsSubnet.id
output functionsSubnetPrefix string = functionsSubnetPrefix
