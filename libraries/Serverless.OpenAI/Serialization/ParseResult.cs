using System.Diagnostics.CodeAnalysis;
using Serverless.OpenAI.Errors;

namespace Serverless.OpenAI.Serialization;

/// <summary>A parsed request body, or the 400 that explains why it could not be parsed.</summary>
public readonly record struct ParseResult<T>(T? Value, ApiError? Error)
    where T : class
{
    /// <summary>Whether parsing succeeded.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Value is not null;
}
