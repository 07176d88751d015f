using System.Text.RegularExpressions;
using Serverless.Infra.Tests.Arm;
using Serverless.Jobs;

namespace Serverless.Infra.Tests.Template;

[Collection(CompiledTemplateCollection.Name)]
public sealed partial class RoleAssignmentTests(CompiledTemplate compiled)
{
    private const string Storage = "storageAccounts";

    [Fact]
    public void EveryRoleAssignment_GrantsAKnownBuiltInRoleById()
    {
        var assignments = compiled.Template.OfType(ResourceTypes.RoleAssignment);

        Assert.NotEmpty(assignments);
        Assert.All(assignments, a => Assert.Contains(
            RoleName(a),
            BuiltInRoles.ByName.Keys));
    }

    [Fact]
    public void RoleAssignments_GrantEachIdentityExactlyTheLeastRolesItNeeds()
    {
        string[] expected =
        [
            // The API: nothing on the whole account. Blob Data Owner only on the Functions host's containers (the role
            // its identity-based storage is documented to need); its own code package only read, so the app cannot
            // replace the code it runs; each queue, table and container it uses; its vault and the worker key's.
            .. ApiStorage.HostContainers.Select(c => $"api: Storage Blob Data Owner on containers/{c}"),
            .. ApiStorage.Containers.Select(c => $"api: Storage Blob Data Contributor on containers/{c}"),
            "api: Storage Blob Data Reader on containers/app-package",
            .. ApiStorage.Queues.Select(q => $"api: Storage Queue Data Contributor on queues/{q}"),
            .. ApiStorage.Tables.Select(t => $"api: Storage Table Data Contributor on tables/{t}"),
            "api: Key Vault Secrets User on vaults/kv",
            "api: Key Vault Secrets User on vaults/kvw",
            "api: Key Vault Crypto User on keys/key-ring", // wraps its Data Protection key ring: that key only, not the vault
            "api: Monitoring Metrics Publisher on components",
            // The serve-mode worker pulls its image, sends telemetry and reads the worker key: not the API's secrets.
            "worker: AcrPull on registries",
            "worker: Monitoring Metrics Publisher on components",
            "worker: Key Vault Secrets User on vaults/kvw",
            // The queue-mode job: narrower than the API, nothing on the whole account: receive from each class's work queue,
            // send to results and poison, the jobs table's rows, the payload container's blobs (contributor, not owner).
            "job: AcrPull on registries",
            "job: Monitoring Metrics Publisher on components",
            .. JobQueueNames.WorkByClass.Select(c => $"job: Storage Queue Data Contributor on queues/{c.Queue}"),
            $"job: Storage Queue Data Message Sender on queues/{JobQueueNames.Results}",
            $"job: Storage Queue Data Message Sender on queues/{JobQueueNames.JobsPoison}",
            $"job: Storage Table Data Contributor on tables/{JobEntity.TableName}",
            $"job: Storage Blob Data Contributor on containers/{JobQueueNames.PayloadContainer}",
            // Whoever deploys: upload the API package, create and roll the secrets of both vaults.
            "deployer: Storage Blob Data Contributor on containers/app-package",
            "deployer: Key Vault Secrets Officer on vaults/kv",
            "deployer: Key Vault Secrets Officer on vaults/kvw",
        ];

        var actual = compiled.Template.OfType(ResourceTypes.RoleAssignment)
            .Select(a => $"{Principal(a)}: {RoleName(a)} on {ScopeLabel(a)}")
            .ToList();

        Assert.Equal(expected.Order(), actual.Order());
    }

    [Fact]
    public void NoIdentity_HoldsARoleOnTheWholeStorageAccount()
    {
        var onAccount = compiled.Template.OfType(ResourceTypes.RoleAssignment).Where(a => ScopeLabel(a) == Storage).ToList();

        Assert.Empty(onAccount);
    }

    [Fact]
    public void RoleAssignments_ToManagedIdentitiesSayTheyAreServicePrincipals()
    {
        // Without principalType, a just-created identity can fail the assignment while Entra ID replicates it.
        var toIdentities = compiled.Template.OfType(ResourceTypes.RoleAssignment).Where(a => Principal(a) != "deployer");

        Assert.All(toIdentities, a => Assert.Equal("ServicePrincipal", a["properties.principalType"]));
    }

    private static string RoleName(ArmResource assignment)
    {
        var id = Assert.IsType<string>(assignment["properties.roleDefinitionId"]);
        var guid = id[(id.LastIndexOf('/') + 1)..];
        Assert.StartsWith($"/subscriptions/{ArmScope.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/", id, StringComparison.Ordinal);
        return BuiltInRoles.ByName.SingleOrDefault(r => r.Value == guid).Key ?? $"unknown role {guid}";
    }

    /// <summary>Which identity: the principal ID is only known once the identity exists, so it reads as a reference to it.</summary>
    private static string Principal(ArmResource assignment) => assignment["properties.principalId"] switch
    {
        CompiledTemplate.DeployerPrincipalId => "deployer",
        ArmUnknown unknown when IdentityReference().Match(unknown.Description) is { Success: true } match => match.Groups[1].Value,
        var other => $"unexpected principal {other}",
    };

    /// <summary>The scope's resource type, and its name when it is a child such as one queue.</summary>
    private static string ScopeLabel(ArmResource assignment)
    {
        var scope = Assert.IsType<string>(assignment["scope"]);
        var segments = scope[(scope.LastIndexOf("/providers/", StringComparison.Ordinal) is var at and >= 0 ? at + 11 : 0)..].Split('/');
        return segments.Length > 3 ? $"{segments[^2]}/{segments[^1]}"
            : segments[1] == "vaults" ? $"vaults/{segments[2].Split('-')[0]}" // the API's vault (kv-) or the worker key's (kvw-)
            : segments[1];
    }

    [GeneratedRegex(@"userAssignedIdentities/id-(api|worker|job)-\w+\)")]
    private static partial Regex IdentityReference();
}
