using System.Reflection;
using System.Text.RegularExpressions;
using Serverless.Api.Jobs;
using Serverless.Api.Jobs.Queues;
using Serverless.Infra.Tests.Arm;
using Serverless.Jobs;
using Serverless.Testing;

namespace Serverless.Infra.Tests.Template;

[Collection(CompiledTemplateCollection.Name)]
public sealed partial class TemplateResourcesTests(CompiledTemplate compiled)
{
    private ArmTemplate Template => compiled.Template;

    [Theory]
    [InlineData(ResourceTypes.StorageAccount)]
    [InlineData(ResourceTypes.Plan)]
    [InlineData(ResourceTypes.Site)]
    [InlineData(ResourceTypes.LogAnalytics)]
    [InlineData(ResourceTypes.ApplicationInsights)]
    [InlineData(ResourceTypes.Registry)]
    [InlineData(ResourceTypes.ManagedEnvironment)]
    [InlineData(ResourceTypes.ContainerApp)]
    [InlineData(ResourceTypes.Job)]
    [InlineData(ResourceTypes.VirtualNetwork)]
    public void Deployment_HasExactlyOne(string type) => Template.Single(type);

    [Fact]
    public void StorageAccount_RefusesSharedKeysAndTlsBelow12()
    {
        var storage = Template.Single(ResourceTypes.StorageAccount);

        Assert.Equal(false, storage["properties.allowSharedKeyAccess"]);
        Assert.Equal("TLS1_2", storage["properties.minimumTlsVersion"]);
        Assert.Equal(true, storage["properties.supportsHttpsTrafficOnly"]);
        Assert.Equal(false, storage["properties.allowBlobPublicAccess"]);
        Assert.Equal(true, storage["properties.defaultToOAuthAuthentication"]);
    }

    [Fact]
    public void StorageAccount_HasEveryQueueTableAndContainerTheCodeUses_SoEachRoleCanBeScopedToOne()
    {
        var containers = ApiStorage.HostContainers.Concat(ApiStorage.Containers)
            .Append(ArmValues.Text(Template.Root.Outputs["FUNCTIONS_PACKAGE_CONTAINER"])) // the API's deployment package
            .Order();

        Assert.Contains(JobQueueNames.JobsPoison, ApiStorage.Queues);
        Assert.Contains(JobEntity.TableName, ApiStorage.Tables);
        Assert.Contains("apikeys", ApiStorage.Tables);
        Assert.Equal(ApiStorage.Queues.Order(), LastSegments(ResourceTypes.Queue));
        Assert.Equal(ApiStorage.Tables.Order(), LastSegments(ResourceTypes.Table));
        Assert.Equal(containers, LastSegments(ResourceTypes.BlobContainer));
        Assert.All(Template.OfType(ResourceTypes.BlobContainer), c => Assert.Equal("None", c["properties.publicAccess"]));
    }

    [Fact]
    public void FunctionApp_RunsDotnet10IsolatedOnAnElasticPremiumPlan()
    {
        var plan = Template.Single(ResourceTypes.Plan);
        var site = compiled.FunctionApp;

        Assert.Equal("ElasticPremium", plan["sku.tier"]);
        Assert.Equal("EP1", plan["sku.name"]);
        Assert.Equal("elastic", plan["kind"]);
        Assert.Equal(true, plan["properties.reserved"]);
        Assert.Equal(plan.Id, site["properties.serverFarmId"]);
        Assert.Equal("functionapp,linux", site["kind"]);
        Assert.Equal("DOTNET-ISOLATED|10.0", site["properties.siteConfig.linuxFxVersion"]);
        Assert.Contains(compiled.FunctionAppSettings, s => s.Name == "FUNCTIONS_WORKER_RUNTIME" && Equals(s.Value, "dotnet-isolated"));
    }

    [Fact]
    public void FunctionApp_HasAManagedIdentityAndUsesItForStorageAndKeyVault()
    {
        var site = compiled.FunctionApp;
        var identities = (Dictionary<string, object?>)site["identity.userAssignedIdentities"]!;
        var identity = Assert.Single(identities.Keys);
        var settings = compiled.FunctionAppSettings.ToDictionary(s => s.Name, s => s.Value);

        Assert.Equal("UserAssigned", site["identity.type"]);
        Assert.Contains("/userAssignedIdentities/id-api-", identity, StringComparison.Ordinal);
        Assert.Equal(identity, site["properties.keyVaultReferenceIdentity"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal(identity, settings["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"]);
        Assert.DoesNotContain(settings.Keys, k => k is "AzureWebJobsStorage" or "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING" or "WEBSITE_CONTENTSHARE");
    }

    [Fact]
    public void FunctionApp_IsHttpsOnlyWithTls12AndNoFtpOrBasicAuth()
    {
        var site = compiled.FunctionApp;
        var credentialPolicies = Template.OfType(ResourceTypes.PublishingCredentials);

        Assert.Equal(true, site["properties.httpsOnly"]);
        Assert.Equal("1.2", site["properties.siteConfig.minTlsVersion"]);
        Assert.Equal("1.2", site["properties.siteConfig.scmMinTlsVersion"]);
        Assert.Equal("Disabled", site["properties.siteConfig.ftpsState"]);
        Assert.Equal(["ftp", "scm"], credentialPolicies.Select(p => p.Name.Split('/')[^1]).Order());
        Assert.All(credentialPolicies, p => Assert.Equal(false, p["properties.allow"]));
    }

    [Fact]
    public void ContainerAppsEnvironment_OffersTheChosenServerlessGpuProfile()
    {
        var environment = Template.Single(ResourceTypes.ManagedEnvironment);
        var profiles = ArmValues.Items(environment["properties.workloadProfiles"]);
        var parameter = Template.Root.Evaluate(Template.Root.Template.GetProperty("parameters").GetProperty("gpuProfileType"), CopyContext.None);
        var allowed = ArmValues.Items(ArmValues.At(parameter, "allowedValues"));

        Assert.Contains(profiles, p => Equals(ArmValues.At(p, "workloadProfileType"), "Consumption"));
        Assert.Contains(profiles, p => Equals(ArmValues.At(p, "workloadProfileType"), "Consumption-GPU-NC8as-T4") && Equals(ArmValues.At(p, "name"), compiled.WorkerApp["properties.workloadProfileName"]));
        Assert.Equal(["Consumption-GPU-NC8as-T4", "Consumption-GPU-NC24-A100"], allowed);
        Assert.Equal(compiled.WorkerApp["properties.workloadProfileName"], compiled.WorkerJob["properties.workloadProfileName"]);
    }

    [Fact]
    public void WorkerJob_ScalesOnEveryClassQueueTheApiWritesTo_WithItsManagedIdentity()
    {
        var job = compiled.WorkerJob;
        var rules = ArmValues.Items(job["properties.configuration.eventTriggerConfig.scale.rules"]);
        var identity = Assert.Single(((Dictionary<string, object?>)job["identity.userAssignedIdentities"]!).Keys);

        Assert.Equal("Event", job["properties.configuration.triggerType"]);
        Assert.Equal([JobQueues.JobsHigh, JobQueues.Jobs, JobQueues.JobsLow], rules.Select(r => ArmValues.At(r, "metadata.queueName")));
        Assert.Equal(rules.Count, rules.Select(r => ArmValues.At(r, "name")).Distinct().Count());
        Assert.All(rules, rule =>
        {
            Assert.Equal("azure-queue", ArmValues.At(rule, "type"));
            Assert.Equal(Template.Single(ResourceTypes.StorageAccount).Name, ArmValues.At(rule, "metadata.accountName"));
            Assert.Equal("visibleonly", ArmValues.At(rule, "metadata.queueLengthStrategy"));
            Assert.Equal(identity, ArmValues.At(rule, "identity"));
            Assert.Null(ArmValues.At(rule, "auth")); // no connection string secret
        });
        Assert.Contains("/userAssignedIdentities/id-job-", identity, StringComparison.Ordinal);
        Assert.Equal(["job"], ArmValues.Items(ArmValues.At(ArmValues.Items(job["properties.template.containers"])[0], "args")));
    }

    [Fact]
    public void WorkerJob_ReachesStorageWithItsOwnIdentity_AndTheServeModeAppDoesNot()
    {
        var job = CompiledTemplate.ContainerEnvironment(compiled.WorkerJob).ToDictionary(e => e.Name, e => e.Value);
        var setting = StorageAccount.SettingName; // what Serverless.Jobs.StorageAccount reads in job mode

        Assert.Equal(Template.Single(ResourceTypes.StorageAccount).Name, job[$"{setting}__accountName"]);
        Assert.Equal("managedidentity", job[$"{setting}__credential"]);
        var clientId = Assert.IsType<ArmUnknown>(job[$"{setting}__clientId"]); // known once the identity exists
        Assert.Matches(@"/userAssignedIdentities/id-job-\w+\)\.clientId$", clientId.Description);
        Assert.DoesNotContain(CompiledTemplate.ContainerEnvironment(compiled.WorkerApp), e => e.Name.StartsWith(setting, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void WorkerAppAndJob_RunTheSameImageFromTheRegistryWithTheirIdentities()
    {
        var registry = Template.Single(ResourceTypes.Registry);
        var image = CompiledTemplate.Parameters["workerImageName"];

        Assert.Equal(false, registry["properties.adminUserEnabled"]);
        foreach (var resource in new[] { compiled.WorkerApp, compiled.WorkerJob })
        {
            var identity = Assert.Single(((Dictionary<string, object?>)resource["identity.userAssignedIdentities"]!).Keys);
            var pull = Assert.Single(ArmValues.Items(resource["properties.configuration.registries"]));
            Assert.Equal(identity, ArmValues.At(pull, "identity"));
            Assert.Null(ArmValues.At(pull, "passwordSecretRef"));
            Assert.Equal(image, ArmValues.At(ArmValues.Items(resource["properties.template.containers"])[0], "image"));
        }
    }

    [Fact]
    public void Alerts_CoverErrorsLatencyThrottlingQueueAgePoisonedJobsAndWorkerDown()
    {
        var rules = Template.OfType(ResourceTypes.ScheduledQueryRule);
        var appInsights = Template.Single(ResourceTypes.ApplicationInsights);
        var errorRate = rules.Single(r => r.Name.EndsWith("-api-error-rate", StringComparison.Ordinal));
        var criterion = ArmValues.Items(errorRate["properties.criteria.allOf"])[0];

        Assert.Equal(
            ["api-error-rate", "api-latency-p95", "api-throttled-rate", "job-queue-age", "jobs-poisoned", "worker-down"],
            rules.Select(r => RulePrefix().Replace(r.Name, string.Empty)).Order());
        Assert.All(rules, r => Assert.Equal(appInsights.Id, Assert.Single(ArmValues.Items(r["properties.scopes"]))));
        Assert.Equal(5L, ArmValues.At(criterion, "threshold"));
        Assert.Equal("GreaterThan", ArmValues.At(criterion, "operator"));
        Assert.Equal("PT5M", errorRate["properties.windowSize"]);
    }

    [Fact]
    public void QueueAlerts_ReadTheQueueGaugesTheApiExports_ByQueue()
    {
        // The API's gauges, as JobQueueMonitor creates them: a name each, and the tag naming the queue.
        var monitor = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "functions", "Serverless.Api", "Jobs", "Queues", "JobQueueMonitor.cs"));
        var gauges = ObservableGauge().Matches(monitor).Select(m => m.Groups[1].Value).ToList();
        var tag = Assert.Single(QueueTag().Matches(monitor)).Groups[1].Value;
        var age = Criterion("job-queue-age");
        var poisoned = Criterion("jobs-poisoned");
        var ageDimension = Assert.Single(ArmValues.Items(ArmValues.At(age, "dimensions")));

        Assert.Equal(["api_job_queue_length", "api_job_queue_oldest_age_seconds"], gauges.Order());

        // The oldest message's age in seconds, one alert per queue: every class's work and results, not poison (it waits for an operator).
        Assert.Equal("api_job_queue_oldest_age_seconds", MetricName(age));
        Assert.Contains($"queue = tostring(customDimensions.{tag})", Query(age), StringComparison.Ordinal);
        Assert.Equal("queue", ArmValues.At(ageDimension, "name"));
        Assert.Equal("Include", ArmValues.At(ageDimension, "operator"));
        Assert.Equal([JobQueueNames.JobsHigh, JobQueueNames.Jobs, JobQueueNames.JobsLow, JobQueueNames.Results], ArmValues.Items(ArmValues.At(ageDimension, "values")));
        Assert.Equal(("Maximum", "GreaterThan", 300L), (ArmValues.At(age, "timeAggregation"), ArmValues.At(age, "operator"), ArmValues.At(age, "threshold")));

        // Any message in the poison queue.
        Assert.Equal("api_job_queue_length", MetricName(poisoned));
        Assert.Contains($"tostring(customDimensions.{tag}) == \"{JobQueueNames.JobsPoison}\"", Query(poisoned), StringComparison.Ordinal);
        Assert.Equal(("Maximum", "GreaterThan", 0L), (ArmValues.At(poisoned, "timeAggregation"), ArmValues.At(poisoned, "operator"), ArmValues.At(poisoned, "threshold")));
        Assert.Empty(ArmValues.Items(ArmValues.At(poisoned, "dimensions")));
    }

    private List<string> LastSegments(string type) => Template.OfType(type).Select(r => r.Name.Split('/')[^1]).Order().ToList();

    private object? Criterion(string rule) => ArmValues.Items(
        Template.OfType(ResourceTypes.ScheduledQueryRule).Single(r => r.Name.EndsWith($"-{rule}", StringComparison.Ordinal))["properties.criteria.allOf"])[0];

    private static string Query(object? criterion) => ArmValues.Text(ArmValues.At(criterion, "query"));

    private static string MetricName(object? criterion) => Assert.Single(MetricFilter().Matches(Query(criterion))).Groups[1].Value;

    [GeneratedRegex("^alert-[a-z0-9]+-")]
    private static partial Regex RulePrefix();

    [GeneratedRegex(@"CreateObservableGauge\(""(\w+)""")]
    private static partial Regex ObservableGauge();

    [GeneratedRegex(@"new\(""(\w+)"", snapshot\.Queue\)")]
    private static partial Regex QueueTag();

    [GeneratedRegex(@"where name == ""(\w+)""")]
    private static partial Regex MetricFilter();
}
