namespace Serverless.EndToEnd.Tests;

/// <summary>Tests that share one running local stack.</summary>
[CollectionDefinition(Name)]
public sealed class LocalStackCollection : ICollectionFixture<LocalStackFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "local stack";
}
