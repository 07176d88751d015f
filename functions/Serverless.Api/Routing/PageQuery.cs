using System.Globalization;
using Microsoft.AspNetCore.Http;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Routing;

/// <summary>The <c>limit</c> and <c>after</c> of a list route, checked as every list route checks them.</summary>
/// <param name="Limit">How many to list.</param>
/// <param name="After">The id to list after, or null for the first page.</param>
internal readonly record struct PageQuery(int Limit, string? After)
{
    /// <summary>
    /// Reads the page from <paramref name="query"/>: <c>limit</c> from 1 to <paramref name="max"/> (default
    /// <paramref name="defaultLimit"/>), <c>after</c> an id <paramref name="isId"/> accepts; or the 400 to answer.
    /// </summary>
    public static (PageQuery Page, ApiError? Error) Read(IQueryCollection query, int defaultLimit, int max, Func<string, bool> isId, string idKind)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = defaultLimit;
        if (query.TryGetValue("limit", out var text) && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > max))
        {
            return (default, ApiError.InvalidParameter("limit", $"limit must be between 1 and {max}."));
        }

        string? after = query["after"];
        return after is not null && !isId(after)
            ? (default, ApiError.InvalidParameter("after", $"after must be {idKind} id."))
            : (new PageQuery(limit, after), null);
    }
}
