namespace Serverless.Api.Quotas;

/// <summary>The kinds of limit, each counted in its own window.</summary>
public enum LimitKind
{
    /// <summary>Requests per minute.</summary>
    RequestsPerMinute,

    /// <summary>Tokens per minute.</summary>
    TokensPerMinute,

    /// <summary>Requests per UTC day.</summary>
    RequestsPerDay,

    /// <summary>Tokens per UTC day.</summary>
    TokensPerDay,

    /// <summary>Requests in flight at once (no window).</summary>
    Concurrency,

    /// <summary>Spend per UTC day, in millionths of the price table's currency.</summary>
    BudgetPerDay,
}
