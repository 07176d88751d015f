using Serverless.Infra.Tests.Arm;
using Serverless.Infra.Tests.Bicep;
using Serverless.Infra.Tests.Container;

namespace Serverless.Infra.Tests.Template;

/// <summary>What a first deployment needs to serve: the API reaches the worker, the worker listens where it is probed, the job mode scales on what it takes.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class WorkerDeploymentTests(CompiledTemplate compiled)
{
    private ArmTemplate Template => compiled.Template;

    /// <summary>
    /// The path of every API call to the worker. The environment is internal (a private IP, never the internet); the
    /// Functions app sits in the same network through VNet integration but outside the environment, and internal
    /// ingress (<c>external: false</c>) answers only callers inside the environment (Azure's ingress documentation;
    /// azure-container-apps issue 1714: 404 from the environment's proxy). So the ingress is external within the
    /// internal environment, an IP rule admits only the API's subnet, and a private DNS zone for the environment's
    /// domain, linked to the network, resolves the app's FQDN to the environment's static IP.
    /// </summary>
    [Fact]
    public void FunctionApp_ReachesTheWorker_ThroughExternalIngressOfTheInternalEnvironment_FromItsSubnetOnly()
    {
        var environment = Template.Single(ResourceTypes.ManagedEnvironment);
        var network = Template.Single(ResourceTypes.VirtualNetwork);
        var functionsSubnet = ArmValues.Items(network["properties.subnets"]).Single(s => Equals(ArmValues.At(s, "name"), "snet-functions"));
        var ingress = compiled.WorkerApp["properties.configuration.ingress"];
        var rule = Assert.Single(ArmValues.Items(ArmValues.At(ingress, "ipSecurityRestrictions")));

        Assert.Equal(true, environment["properties.vnetConfiguration.internal"]);
        Assert.Equal(network.Id + "/subnets/snet-functions", compiled.FunctionApp["properties.virtualNetworkSubnetId"]);
        Assert.Equal(true, ArmValues.At(ingress, "external"));
        Assert.Equal(false, ArmValues.At(ingress, "allowInsecure"));
        Assert.Equal("Allow", ArmValues.At(rule, "action"));
        Assert.Equal(ArmValues.At(functionsSubnet, "properties.addressPrefix"), ArmValues.At(rule, "ipAddressRange"));

        // Both ends of the path are in the network: the API's subnet is delegated to App Service (VNet integration),
        // the environment's to Container Apps.
        var environmentSubnet = ArmValues.Items(network["properties.subnets"]).Single(s => Equals(ArmValues.At(s, "name"), "snet-container-apps"));
        Assert.Equal(network.Id + "/subnets/snet-container-apps", environment["properties.vnetConfiguration.infrastructureSubnetId"]);
        Assert.Equal("Microsoft.Web/serverFarms", ArmValues.At(ArmValues.Items(ArmValues.At(functionsSubnet, "properties.delegations"))[0], "properties.serviceName"));
        Assert.Equal("Microsoft.App/environments", ArmValues.At(ArmValues.Items(ArmValues.At(environmentSubnet, "properties.delegations"))[0], "properties.serviceName"));

        var zone = Assert.Single(Template.OfType(ResourceTypes.PrivateDnsZone), z => ArmValues.Text(z.Name).Contains($"reference({environment.Id}", StringComparison.Ordinal));
        Assert.EndsWith(".defaultDomain>", ArmValues.Text(zone.Name), StringComparison.Ordinal);
        var link = Assert.Single(Template.OfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks"), l => l.Name.Contains(".defaultDomain", StringComparison.Ordinal));
        Assert.Equal(network.Id, link["properties.virtualNetwork.id"]);
        var records = Template.OfType("Microsoft.Network/privateDnsZones/A");
        Assert.Equal(["*", "@"], records.Select(r => r.Name.Split('/')[^1].TrimEnd('>')).Order());
        Assert.All(records, r => Assert.EndsWith(".staticIp>", ArmValues.Text(ArmValues.At(ArmValues.Items(r["properties.aRecords"])[0], "ipv4Address")), StringComparison.Ordinal));

        var baseUrl = Assert.IsType<ArmUnknown>(compiled.FunctionAppSettings.Single(s => s.Name == "Worker__BaseUrl").Value);
        Assert.StartsWith("https://", baseUrl.Description, StringComparison.Ordinal);
        Assert.Contains($"reference({compiled.WorkerApp.Id})", baseUrl.Description, StringComparison.Ordinal);
        Assert.EndsWith(".configuration.ingress.fqdn>/", baseUrl.Description, StringComparison.Ordinal);
    }

    /// <summary>
    /// The first <c>azd up</c>: provisioning runs before any worker image exists, and azd's deploy then swaps only the
    /// image. So the placeholder's app already has the image's port and all three probes (a serverless GPU profile
    /// adds none), and the placeholder listens on that port.
    /// </summary>
    [Fact]
    public void FirstProvision_BeforeAnyImage_SetsTheWorkersPortAndProbes()
    {
        var parameters = CompiledTemplate.Parameters.ToDictionary();
        parameters["workerImageName"] = string.Empty;
        var first = ArmTemplate.Load(compiled.Json, parameters);
        var app = first.Single(ResourceTypes.ContainerApp);
        var container = ArmValues.Items(app["properties.template.containers"])[0];
        var probes = ArmValues.Items(ArmValues.At(container, "probes"));
        long port = new Uri(Dockerfile.Worker.Environment["URLS"].Replace("+", "localhost", StringComparison.Ordinal)).Port;

        // The .NET sample image listens on 8080 (ASPNETCORE_HTTP_PORTS of the .NET 8+ images) and maps /healthz.
        Assert.Equal("mcr.microsoft.com/dotnet/samples:aspnetapp", ArmValues.At(container, "image"));
        Assert.Equal(8080L, port);
        Assert.Equal(port, app["properties.configuration.ingress.targetPort"]);
        Assert.Equal(["Liveness", "Readiness", "Startup"], probes.Select(p => ArmValues.Text(ArmValues.At(p, "type"))).Order());
        Assert.All(probes, p => Assert.Equal(port, ArmValues.At(p, "httpGet.port")));
    }

    [Fact]
    public void WorkerJob_StartsOneExecutionPerMessagesItTakes_CountingOnlyVisibleMessages()
    {
        var job = compiled.WorkerJob;
        var rules = ArmValues.Items(job["properties.configuration.eventTriggerConfig.scale.rules"]);
        var env = CompiledTemplate.ContainerEnvironment(job).ToDictionary(e => e.Name, e => e.Value);

        Assert.Equal(3, rules.Count); // one per class's work queue, each with the same target
        Assert.All(rules, rule => Assert.Equal(env["JobMode__MaxConcurrentJobs"], ArmValues.At(rule, "metadata.queueLength")));
        Assert.Equal("16", env["JobMode__MaxConcurrentJobs"]);
        Assert.All(rules, rule => Assert.Equal("visibleonly", ArmValues.At(rule, "metadata.queueLengthStrategy")));
    }

    [Fact]
    public void WorkerJob_StopsTakingJobsBeforeItsReplicaTimeout_LeavingTimeForTheLongestJob()
    {
        var env = CompiledTemplate.ContainerEnvironment(compiled.WorkerJob).ToDictionary(e => e.Name, e => e.Value);
        var maxRunTime = TimeSpan.Parse(ArmValues.Text(env["JobMode__MaxRunTime"]), System.Globalization.CultureInfo.InvariantCulture);
        var replicaTimeout = TimeSpan.FromSeconds((long)compiled.WorkerJob["properties.configuration.replicaTimeout"]!);
        var longestJob = TimeSpan.FromSeconds((long)Template.Root.Parameter("jobLongestJobSeconds")!);

        Assert.Equal(TimeSpan.FromMinutes(50), maxRunTime);
        Assert.True(maxRunTime + longestJob <= replicaTimeout, $"MaxRunTime {maxRunTime} + longest job {longestJob} exceeds the replica timeout {replicaTimeout}");
    }

    [Theory]
    [InlineData("westeurope", "Consumption-GPU-NC24-A100", "only Consumption-GPU-NC8as-T4")]
    [InlineData("westus", "Consumption-GPU-NC8as-T4", "only Consumption-GPU-NC24-A100")]
    public void GpuProfile_ARegionDoesNotOffer_FailsTheDeploymentWithWhatItOffers(string location, string profile, string offered)
    {
        var failure = Assert.Throws<ArmDeploymentFailure>(() => Environment(location, profile));

        Assert.Contains($"{profile} is not offered in {location}", failure.Message, StringComparison.Ordinal);
        Assert.Contains(offered, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("westeurope", "Consumption-GPU-NC8as-T4")]
    [InlineData("swedencentral", "Consumption-GPU-NC24-A100")]
    [InlineData("westus3", "Consumption-GPU-NC24-A100")]
    [InlineData("brazilsouth", "Consumption-GPU-NC24-A100")] // not in the list: `list-supported` decides, not the template
    public void GpuProfile_ARegionOffersOrIsNotListed_IsDeployed(string location, string profile)
    {
        var profiles = ArmValues.Items(Environment(location, profile)["properties.workloadProfiles"]);

        Assert.Contains(profiles, p => Equals(ArmValues.At(p, "workloadProfileType"), profile));
    }

    private ArmResource Environment(string location, string profile)
    {
        var parameters = CompiledTemplate.Parameters.ToDictionary();
        parameters["location"] = location;
        parameters["gpuProfileType"] = profile;
        return ArmTemplate.Load(compiled.Json, parameters).Single(ResourceTypes.ManagedEnvironment);
    }
}
