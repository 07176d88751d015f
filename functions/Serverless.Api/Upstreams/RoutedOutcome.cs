using Serverless.Api.Catalog;
using Serverless.Api.Relay;

namespace Serverless.Api.Upstreams;

/// <summary>What a routed call came to, and the model that served it (null when none did), which is billed.</summary>
internal sealed record RoutedOutcome(RelayOutcome Outcome, CatalogModel? Served);
