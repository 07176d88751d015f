using Serverless.Api.Auth;
using Serverless.Api.Keys;

namespace Serverless.Api.Batches;

/// <summary>
/// Who a batch runs as, kept with it: its lines are admitted when dispatched, hours after the request that created
/// it, against these limits and model grants.
/// </summary>
/// <param name="KeyId">The key (or <c>jwt:</c> subject).</param>
/// <param name="Owner">The tenant billed.</param>
/// <param name="Role">Its role.</param>
/// <param name="Scopes">Its scopes.</param>
/// <param name="Models">The models it may use (null: any).</param>
/// <param name="Tier">Its tier.</param>
/// <param name="Limits">Its key's own limits.</param>
internal sealed record BatchCaller(string KeyId, string Owner, Role Role, IReadOnlyList<string> Scopes, IReadOnlyList<string>? Models, string Tier, KeyLimits? Limits)
{
    /// <summary>What to keep of <paramref name="caller"/>.</summary>
    public static BatchCaller Of(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new BatchCaller(caller.KeyId, caller.Owner, caller.Role, caller.Scopes, caller.Models, caller.Tier, caller.Limits);
    }

    /// <summary>The caller to admit lines as (no address list: there is no request).</summary>
    public Caller ToCaller() => new(KeyId, Owner, Role, Scopes, Models, [], Tier, Limits);
}
