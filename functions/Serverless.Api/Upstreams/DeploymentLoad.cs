namespace Serverless.Api.Upstreams;

/// <summary>What the router knows of a deployment when it plans a request: whether its circuit refuses calls and how many it has in flight.</summary>
internal readonly record struct DeploymentLoad(bool Refusing, int Outstanding);
