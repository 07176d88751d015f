// Private endpoints for the PaaS services the apps use (Storage blob, queue and table; Key Vault; Container
// Registry), each registered in the privatelink DNS zone of its service, and every zone linked to the network.
// Inside the network, the services' public names resolve to these private addresses, so the Functions app (VNet
// integration, all traffic routed into the network) and the Container Apps environment (on its subnet) reach
// them privately, and their public network access can be off.

@description('Azure region of the endpoints.')
param location string

@description('Tags for every resource.')
param tags object

@description('The virtual network every zone is linked to.')
param vnetId string

@description('The subnet the endpoints get their addresses from.')
param subnetId string

@description('The privatelink DNS zones, each once.')
param zoneNames array

@description('Each endpoint: name, the resource it reaches (id), its sub-resource (groupId: blob, queue, table, vault, registry) and its zone (one of zoneNames).')
param endpoints array

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in zoneNames: {
    name: zone
    location: 'global'
    tags: tags
  }
]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in zoneNames: {
    parent: zones[i]
    name: 'vnet'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnetId
      }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [
  for endpoint in endpoints: {
    name: endpoint.name
    location: location
    tags: tags
    properties: {
      subnet: {
        id: subnetId
      }
      privateLinkServiceConnections: [
        {
          name: endpoint.name
          properties: {
            privateLinkServiceId: endpoint.id
            groupIds: [
              endpoint.groupId
            ]
          }
        }
      ]
    }
  }
]

// The zone group writes the endpoint's A records (for the registry also its regional data endpoint) into the zone.
resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [
  for (endpoint, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: replace(endpoint.zone, '.', '-')
          properties: {
            privateDnsZoneId: resourceId('Microsoft.Network/privateDnsZones', endpoint.zone)
          }
        }
      ]
    }
    dependsOn: [
      zones
    ]
  }
]
