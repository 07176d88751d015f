using System.Text.Json.Serialization.Metadata;

namespace Serverless.Api.OpenApi;

/// <summary>
/// What one method of one route takes and answers, as wire types: the OpenAPI document is written from these and
/// the route table. <paramref name="Request"/> and <paramref name="Response"/> are the types the handler reads and
/// writes; <paramref name="Extends"/> is a type whose fields the request adds to <paramref name="Request"/>'s (an async
/// job's <c>webhook</c>); <paramref name="StreamEvent"/> is the event a <c>stream: true</c> answer sends;
/// <paramref name="Example"/> is a request body, as JSON, that the route accepts.
/// </summary>
internal sealed record OperationContract(
    string Summary,
    string Tag,
    JsonTypeInfo? Request = null,
    JsonTypeInfo? Response = null,
    int Status = 200,
    JsonTypeInfo? Extends = null,
    JsonTypeInfo? StreamEvent = null,
    IReadOnlyList<string>? Query = null,
    string? RequestMediaType = null,
    string? ResponseMediaType = null,
    string? Example = null);
