using Serverless.Api.Catalog;

namespace Serverless.Api.Upstreams;

/// <summary>One deployment to try for a request, with the public model it serves.</summary>
internal sealed record Candidate(CatalogModel Model, Deployment Deployment);
