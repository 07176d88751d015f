namespace Serverless.Api.Catalog;

/// <summary>How a deployment is called.</summary>
public enum DeploymentKind
{
    /// <summary>A worker's serve mode, called as the gateway calls its own worker (call id, token budget, stop on abandonment).</summary>
    Worker,

    /// <summary>Any OpenAI-compatible upstream, called with its own key and model name.</summary>
    OpenAI,
}
