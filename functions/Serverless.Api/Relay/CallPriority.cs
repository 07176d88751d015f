using Microsoft.AspNetCore.Http;
using Serverless.Jobs;

namespace Serverless.Api.Relay;

/// <summary>
/// The class an admitted call is served in, kept on the request (as <see cref="Auth.Caller"/> is) so the relays that
/// call our own worker can pass it on in <see cref="PriorityClasses.HeaderName"/> without a second look at the limits.
/// </summary>
/// <param name="Class">The caller's merged class, as its admission decided it.</param>
internal sealed record CallPriority(PriorityClass Class)
{
    /// <summary>The class of the call <paramref name="context"/> serves; <see cref="PriorityClass.Normal"/> when none was set.</summary>
    public static PriorityClass Of(HttpContext context) => context.Features.Get<CallPriority>()?.Class ?? PriorityClass.Normal;
}
