using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Auth;

/// <summary>
/// Where a request came from, for key IP allow lists and the request log. With
/// <see cref="AuthOptions.ForwardedHeaders"/> on, ASP.NET Core's forwarded-headers handling reads
/// <c>X-Forwarded-For</c> right to left, one entry per known proxy up to the limit, so the entries a client writes
/// itself (the left ones) are never believed; otherwise the connection's peer is the client.
/// </summary>
public sealed class ClientAddresses
{
    private readonly ForwardedHeadersMiddleware? forwarders;

    /// <summary>Builds the forwarded-headers handling from the settings (nothing when they are off).</summary>
    public ClientAddresses(IOptions<AuthOptions> options, ILoggerFactory loggers)
    {
        var settings = options.Value.ForwardedHeaders;
        if (!settings.Enabled)
        {
            return;
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = settings.ForwardLimit };
        if (settings.KnownProxies.Count > 0 || settings.KnownNetworks.Count > 0)
        {
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        }

        forwarders = new ForwardedHeadersMiddleware(_ => Task.CompletedTask, loggers, Options.Create(forwarded));
    }

    /// <summary>Applies trusted proxies' <c>X-Forwarded-For</c> to the connection's address; call once per request, first.</summary>
    public void Apply(HttpContext context) => forwarders?.ApplyForwarders(context);

    /// <summary>The client's address (after <see cref="Apply"/>).</summary>
    public static IPAddress? Of(HttpContext context) => context.Connection.RemoteIpAddress;
}
