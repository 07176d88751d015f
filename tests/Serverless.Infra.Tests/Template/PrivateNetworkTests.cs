using Serverless.Infra.Tests.Arm;

namespace Serverless.Infra.Tests.Template;

/// <summary>
/// Storage, both Key Vaults and the registry answer only on private endpoints in the network unless a dev deployment
/// asks otherwise, each endpoint registered in its service's privatelink zone, linked to the network; the Functions
/// app sends all its traffic into the network, and what it sends to the internet leaves through a NAT gateway.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class PrivateNetworkTests(CompiledTemplate compiled)
{
    private const string PrivateEndpoint = "Microsoft.Network/privateEndpoints";

    private ArmTemplate Template => compiled.Template;

    [Fact]
    public void DataServices_RefusePublicNetworks_ByDefault()
    {
        foreach (var service in DataServices(Template))
        {
            Assert.Equal("Disabled", service["properties.publicNetworkAccess"]);
            if (service.Type != ResourceTypes.Registry)
            {
                Assert.Equal("Deny", service["properties.networkAcls.defaultAction"]);
            }
        }

        Assert.Equal("Premium", Template.Single(ResourceTypes.Registry)["sku.name"]); // the tier that offers private endpoints
    }

    [Fact]
    public void DataServices_AcceptPublicNetworks_ForADevDeploymentThatAsks()
    {
        var parameters = CompiledTemplate.Parameters.ToDictionary();
        parameters["allowPublicNetworkAccess"] = true;
        var dev = ArmTemplate.Load(compiled.Json, parameters);

        Assert.All(DataServices(dev), service => Assert.Equal("Enabled", service["properties.publicNetworkAccess"]));
        Assert.Equal("Basic", dev.Single(ResourceTypes.Registry)["sku.name"]);
        Assert.Equal(6, dev.OfType(PrivateEndpoint).Count); // still there: the apps keep using them
    }

    [Fact]
    public void EachDataService_HasAPrivateEndpointOnItsSubnet_RegisteredInItsZone_WhichTheNetworkResolves()
    {
        var network = Template.Single(ResourceTypes.VirtualNetwork);
        var storage = Template.Single(ResourceTypes.StorageAccount);
        (ArmResource Target, string Group, string Zone)[] expected =
        [
            (storage, "blob", "privatelink.blob.core.windows.net"),
            (storage, "queue", "privatelink.queue.core.windows.net"),
            (storage, "table", "privatelink.table.core.windows.net"),
            .. Template.OfType(ResourceTypes.KeyVault).Select(vault => (vault, "vault", "privatelink.vaultcore.azure.net")),
            (Template.Single(ResourceTypes.Registry), "registry", "privatelink.azurecr.io"),
        ];
        var endpoints = Template.OfType(PrivateEndpoint);

        Assert.Equal(expected.Length, endpoints.Count);
        foreach (var (target, group, zone) in expected)
        {
            var endpoint = Assert.Single(endpoints, e =>
            {
                var connection = ArmValues.Items(e["properties.privateLinkServiceConnections"]).Single();
                return Equals(ArmValues.At(connection, "properties.privateLinkServiceId"), target.Id)
                    && Equals(ArmValues.Items(ArmValues.At(connection, "properties.groupIds")).Single(), group);
            });
            Assert.Equal(network.Id + "/subnets/snet-private-endpoints", endpoint["properties.subnet.id"]);

            var zoneGroup = Assert.Single(Template.OfType($"{PrivateEndpoint}/privateDnsZoneGroups"), g => g.Name.StartsWith(endpoint.Name + "/", StringComparison.Ordinal));
            var zoneId = ArmValues.Text(ArmValues.At(ArmValues.Items(zoneGroup["properties.privateDnsZoneConfigs"]).Single(), "properties.privateDnsZoneId"));
            Assert.EndsWith($"/privateDnsZones/{zone}", zoneId, StringComparison.Ordinal);
            Assert.Single(Template.OfType(ResourceTypes.PrivateDnsZone), z => z.Name == zone);
            var link = Assert.Single(Template.OfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks"), l => l.Name.StartsWith(zone + "/", StringComparison.Ordinal));
            Assert.Equal(network.Id, link["properties.virtualNetwork.id"]);
            Assert.Equal(false, link["properties.registrationEnabled"]);
        }
    }

    [Fact]
    public void FunctionApp_SendsAllItsTrafficIntoTheNetwork_AndReachesTheInternetThroughANatGateway()
    {
        // Key Vault references of a Linux app and the package blob are fetched through the network only with route-all
        // on; without a way out, webhooks and telemetry would then have none once default outbound access is gone.
        var network = Template.Single(ResourceTypes.VirtualNetwork);
        var functionsSubnet = ArmValues.Items(network["properties.subnets"]).Single(s => Equals(ArmValues.At(s, "name"), "snet-functions"));
        var nat = Template.Single("Microsoft.Network/natGateways");
        var address = Template.Single("Microsoft.Network/publicIPAddresses");

        Assert.Equal(true, compiled.FunctionApp["properties.siteConfig.vnetRouteAllEnabled"]);
        Assert.Equal(network.Id + "/subnets/snet-functions", compiled.FunctionApp["properties.virtualNetworkSubnetId"]);
        Assert.Equal(nat.Id, ArmValues.At(functionsSubnet, "properties.natGateway.id"));
        Assert.Equal(address.Id, ArmValues.At(ArmValues.Items(nat["properties.publicIpAddresses"]).Single(), "id"));
        Assert.Equal("Standard", address["sku.name"]);
    }

    private static IEnumerable<ArmResource> DataServices(ArmTemplate template) =>
        [template.Single(ResourceTypes.StorageAccount), .. template.OfType(ResourceTypes.KeyVault), template.Single(ResourceTypes.Registry)];
}
