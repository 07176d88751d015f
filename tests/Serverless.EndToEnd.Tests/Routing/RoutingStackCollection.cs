namespace Serverless.EndToEnd.Tests.Routing;

/// <summary>Tests that share one routing stack (two workers, a failing upstream, the API).</summary>
[CollectionDefinition(Name)]
public sealed class RoutingStackCollection : ICollectionFixture<RoutingStackFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "routing stack";
}
