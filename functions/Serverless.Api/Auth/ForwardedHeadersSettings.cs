using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Auth;

/// <summary>
/// Proxies in front of the app whose <c>X-Forwarded-For</c> is believed, bound from <c>Auth:ForwardedHeaders</c>.
/// Off by default: in Azure Functions the worker's ASP.NET Core integration already takes the client address from
/// the Functions host's header, so only proxies in front of App Service (Front Door, Application Gateway, API
/// Management) or of the local host need this.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Whether to read <c>X-Forwarded-For</c> from the proxies below.</summary>
    public bool Enabled { get; set; }

    /// <summary>How many proxies' entries to read, right to left (each must come from a known proxy or network).</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Addresses of trusted proxies; with no proxies and no networks, only loopback is trusted.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks (CIDR) of trusted proxies, such as the <c>AzureFrontDoor.Backend</c> service tag's ranges.</summary>
    public IList<string> KnownNetworks { get; } = [];
}
