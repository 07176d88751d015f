namespace Serverless.Infra.Tests.Arm;

/// <summary>The offline evaluator the template checks rely on: if it guessed, they would prove nothing.</summary>
public sealed class ArmTemplateTests
{
    private const string Template = """
        {
          "parameters": {
            "name": { "type": "string" },
            "count": { "type": "int", "defaultValue": 2 },
            "on": { "type": "bool", "defaultValue": false }
          },
          "variables": {
            "prefix": "[format('st{0}', toLower(parameters('name')))]",
            "map": { "b": "two", "a": "one" },
            "copy": [ { "name": "pairs", "count": "[length(items(variables('map')))]", "input": "[items(variables('map'))[copyIndex('pairs')].key]" } ]
          },
          "resources": [
            {
              "type": "Microsoft.Storage/storageAccounts",
              "name": "[format('{0}{1}', variables('prefix'), copyIndex())]",
              "copy": { "name": "accounts", "count": "[parameters('count')]" },
              "properties": { "pairs": "[variables('pairs')]", "escaped": "[[not an expression]" }
            },
            {
              "condition": "[parameters('on')]",
              "type": "Microsoft.KeyVault/vaults",
              "name": "never"
            },
            {
              "type": "Microsoft.Resources/deployments",
              "name": "child",
              "properties": {
                "parameters": { "accountName": { "value": "[variables('prefix')]" } },
                "template": {
                  "parameters": { "accountName": { "type": "string" } },
                  "variables": {},
                  "resources": [
                    {
                      "type": "Microsoft.Authorization/roleAssignments",
                      "name": "[guid(parameters('accountName'))]",
                      "scope": "[format('Microsoft.Storage/storageAccounts/{0}', parameters('accountName'))]",
                      "properties": {
                        "principalId": "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-x'), '2023-01-31').principalId]",
                        "picked": "[if(true(), 'yes', parameters('missing'))]"
                      }
                    }
                  ],
                  "outputs": { "id": { "type": "string", "value": "[resourceId('Microsoft.Storage/storageAccounts', parameters('accountName'))]" } }
                }
              }
            }
          ],
          "outputs": {
            "childId": { "type": "string", "value": "[reference(resourceId('Microsoft.Resources/deployments', 'child'), '2025-04-01').outputs.id.value]" }
          }
        }
        """;

    private static readonly ArmTemplate Loaded = ArmTemplate.Load(Template, new Dictionary<string, object?> { ["name"] = "Demo" });

    [Fact]
    public void Resources_ExpandCopyLoops_DropFalseConditions_AndFlattenModules()
    {
        Assert.Equal(
            ["Microsoft.Storage/storageAccounts stdemo0", "Microsoft.Storage/storageAccounts stdemo1", "Microsoft.Authorization/roleAssignments"],
            Loaded.Resources.Select(r => r.Type == "Microsoft.Authorization/roleAssignments" ? r.Type : $"{r.Type} {r.Name}"));
    }

    [Fact]
    public void Variables_EvaluateCopyLoopsAndItemsInKeyOrder()
    {
        var account = Loaded.Resources[0];

        Assert.Equal(["a", "b"], ArmValues.Items(account["properties.pairs"]));
        Assert.Equal("[not an expression]", account["properties.escaped"]);
    }

    [Fact]
    public void Modules_GetTheirParametersFromTheParent_AndReferenceReturnsTheirOutputs()
    {
        var assignment = Loaded.Resources[^1];

        Assert.Equal("Microsoft.Storage/storageAccounts/stdemo", assignment["scope"]);
        Assert.Equal($"/subscriptions/{ArmScope.SubscriptionId}/providers/Microsoft.Storage/storageAccounts/stdemo", Loaded.Root.Outputs["childId"]);
    }

    [Fact]
    public void Reference_ToADeployedResource_IsUnknownAndNamesTheResource()
    {
        var principal = Assert.IsType<ArmUnknown>(Loaded.Resources[^1]["properties.principalId"]);

        Assert.Equal($"reference(/subscriptions/{ArmScope.SubscriptionId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-x).principalId", principal.Description);
    }

    [Fact]
    public void If_EvaluatesOnlyTheChosenBranch()
    {
        Assert.Equal("yes", Loaded.Resources[^1]["properties.picked"]);
    }

    [Fact]
    public void UnsupportedFunction_FailsInsteadOfGuessing()
    {
        var template = ArmTemplate.Load("""{ "parameters": {}, "variables": { "x": "[dateTimeAdd('2020-01-01', 'P1D')]" }, "resources": [] }""", new Dictionary<string, object?>());

        Assert.Throws<NotSupportedException>(() => template.Root.Variable("x"));
    }
}
