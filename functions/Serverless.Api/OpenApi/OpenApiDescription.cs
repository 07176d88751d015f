using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Serverless.Api.Routing;
using Serverless.Api.Versioning;
using Serverless.OpenAI.Serialization;

namespace Serverless.Api.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of the API, written from the route table (<see cref="ApiRoutes"/>), the wire types of
/// each operation (<see cref="OperationContracts"/>, their schemas exported from the source-generated JSON
/// contexts), the webhooks the API calls, the API versions and the deprecation table; nothing in it is maintained by hand.
/// </summary>
internal static partial class OpenApiDescription
{
    private const string Schemas = "#/components/schemas/";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSchemaExporterOptions ExporterOptions = new() { TreatNullObliviousAsNonNullable = true };

    private static readonly Lazy<string> Text = new(() => Write(Deprecations.Table));

    /// <summary>The document as JSON text, indented, ending with a newline (as committed in <c>docs/openapi.json</c>).</summary>
    public static string Json => Text.Value;

    /// <summary>The document as it reads with <paramref name="deprecations"/> as the deprecation table.</summary>
    internal static string Write(IReadOnlyList<Deprecation> deprecations) => Build(deprecations).ToJsonString(Indented) + "\n";

    private static JsonObject Build(IReadOnlyList<Deprecation> deprecations)
    {
        var schemas = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var paths = new JsonObject();
        foreach (var route in ApiRoutes.All.Where(r => r.Template != ApiRoutes.Unmatched))
        {
            var path = "/" + route.Template;
            var item = paths[path] as JsonObject ?? new JsonObject();
            paths[path] = item;
            foreach (var method in route.Methods)
            {
                item[method.ToLowerInvariant()] = Operation(route, method, OperationContracts.All[(route.Name, method)], deprecations, schemas);
            }
        }

        Schema(OpenAIJsonContext.Default.ErrorBody, schemas);
        var webhooks = Webhooks(schemas);
        return new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "Serverless LLM API",
                ["version"] = ApiVersions.Current,
                ["description"] = "An OpenAI-compatible API: the official OpenAI SDKs call it unmodified. Every answer carries x-request-id and "
                    + "x-api-version; errors are OpenAI's error object. Versions: " + string.Join(", ", ApiVersions.Supported) + ".",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
            ["paths"] = paths,
            ["webhooks"] = webhooks,
            ["components"] = new JsonObject
            {
                ["schemas"] = new JsonObject(schemas.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
                ["securitySchemes"] = new JsonObject
                {
                    ["bearerKey"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["description"] = "An API key (sk-...) as a bearer token." },
                    ["apiKeyHeader"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "api-key", ["description"] = "An API key in the api-key header." },
                    ["jwt"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT", ["description"] = "A JWT of the configured issuer, when Auth:Jwt is set." },
                },
                ["parameters"] = new JsonObject
                {
                    ["apiVersionQuery"] = VersionParameter("query", ApiVersions.QueryParameter),
                    ["apiVersionHeader"] = VersionParameter("header", ApiVersions.HeaderDisplayName),
                },
                ["headers"] = new JsonObject
                {
                    ["requestId"] = Header("The request's id: the caller's x-request-id when well-formed, else a new one."),
                    ["apiVersion"] = Header("The API version that served the request."),
                    ["retryAfter"] = Header("Seconds to wait before trying again.", "integer"),
                },
                ["responses"] = new JsonObject
                {
                    ["error"] = ErrorResponse("An OpenAI error object: the message, its type, the parameter at fault and a code."),
                    ["rateLimited"] = ErrorResponse("A limit was reached: the error carries retry_after and current_usage.", retryAfter: true),
                },
            },
        };
    }

    private static JsonObject Operation(
        ApiRoute route, string method, OperationContract contract, IReadOnlyList<Deprecation> deprecations, IDictionary<string, JsonNode> schemas)
    {
        var parameters = new JsonArray();
        foreach (Match name in PathParameter().Matches(route.Template))
        {
            parameters.Add(new JsonObject { ["name"] = name.Groups[1].Value, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        foreach (var name in contract.Query ?? [])
        {
            var parameter = new JsonObject { ["name"] = name, ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = name == "limit" ? "integer" : "string" } };
            if (deprecations.Any(d => d.Route == route.Name && d.Parameter == name))
            {
                parameter["deprecated"] = true;
            }

            parameters.Add(parameter);
        }

        parameters.Add(Ref("#/components/parameters/apiVersionQuery"));
        parameters.Add(Ref("#/components/parameters/apiVersionHeader"));

        var operation = new JsonObject
        {
            ["operationId"] = method.ToLowerInvariant() + route.Name,
            ["summary"] = contract.Summary,
            ["tags"] = new JsonArray(contract.Tag),
            ["parameters"] = parameters,
        };
        if (deprecations.Any(d => d.Route == route.Name && d.Parameter is null))
        {
            operation["deprecated"] = true;
        }

        if (RequestBody(contract, schemas) is { } body)
        {
            operation["requestBody"] = body;
        }

        var responses = new JsonObject { [contract.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Success(contract, schemas) };
        responses["default"] = Ref("#/components/responses/error");
        if (route.Access is not null)
        {
            responses["429"] = Ref("#/components/responses/rateLimited");
            operation["security"] = new JsonArray(Scheme("bearerKey"), Scheme("apiKeyHeader"), Scheme("jwt"));
        }
        else
        {
            operation["security"] = new JsonArray();
        }

        operation["responses"] = responses;
        return operation;
    }

    private static JsonObject? RequestBody(OperationContract contract, IDictionary<string, JsonNode> schemas)
    {
        if (contract.RequestMediaType == "multipart/form-data")
        {
            var form = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("file", "purpose"),
                ["properties"] = new JsonObject
                {
                    ["file"] = new JsonObject { ["type"] = "string", ["contentMediaType"] = "application/octet-stream" },
                    ["purpose"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("batch") },
                },
            };
            return new JsonObject { ["required"] = true, ["content"] = new JsonObject { ["multipart/form-data"] = new JsonObject { ["schema"] = form } } };
        }

        if (contract.Request is not { } request)
        {
            return null;
        }

        JsonNode schema = Schema(request, schemas);
        if (contract.Extends is { } extension)
        {
            schema = new JsonObject { ["allOf"] = new JsonArray(schema, Schema(extension, schemas)) };
        }

        var media = new JsonObject { ["schema"] = schema };
        if (contract.Example is { } example)
        {
            media["example"] = JsonNode.Parse(example);
        }

        return new JsonObject { ["required"] = true, ["content"] = new JsonObject { ["application/json"] = media } };
    }

    private static JsonObject Success(OperationContract contract, IDictionary<string, JsonNode> schemas)
    {
        var content = new JsonObject();
        if (contract.Response is { } response)
        {
            content["application/json"] = new JsonObject { ["schema"] = Schema(response, schemas) };
        }
        else if (contract.ResponseMediaType is { } media)
        {
            content[media] = new JsonObject { ["schema"] = media == "application/json" ? new JsonObject { ["type"] = "object" } : new JsonObject { ["type"] = "string" } };
        }

        if (contract.StreamEvent is { } streamEvent)
        {
            content["text/event-stream"] = new JsonObject
            {
                ["schema"] = new JsonObject
                {
                    ["type"] = "string",
                    ["description"] = $"Server-sent events: one `data: <{streamEvent.Type.Name}>` per chunk, then `data: [DONE]`.",
                },
                ["x-event-schema"] = Schema(streamEvent, schemas),
            };
        }

        return new JsonObject
        {
            ["description"] = contract.Summary,
            ["headers"] = new JsonObject
            {
                ["x-request-id"] = Ref("#/components/headers/requestId"),
                ["x-api-version"] = Ref("#/components/headers/apiVersion"),
            },
            ["content"] = content,
        };
    }

    /// <summary>A reference to the schema of <paramref name="type"/>, exported into the components once, named after the type.</summary>
    private static JsonObject Schema(JsonTypeInfo type, IDictionary<string, JsonNode> schemas)
    {
        var name = type.Type.Name;
        if (!schemas.ContainsKey(name))
        {
            var schema = type.Options.GetTypeInfo(type.Type).GetJsonSchemaAsNode(ExporterOptions);
            Rebase(schema, Schemas + name);
            schemas[name] = schema;
        }

        return Ref(Schemas + name);
    }

    /// <summary>
    /// The exporter's references point into the schema itself (<c>#/properties/...</c>); in components they must start
    /// at its place. Its boolean schemas (<c>true</c>: a type with a converter of its own, such as <c>tool_choice</c>'s
    /// string-or-object) become <c>{}</c>, which means the same and which every OpenAPI reader takes.
    /// </summary>
    private static void Rebase(JsonNode? node, string root)
    {
        switch (node)
        {
            case JsonObject value:
                if (value["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target && target.StartsWith('#'))
                {
                    value["$ref"] = root + target[1..];
                }

                foreach (var (name, child) in value.ToArray())
                {
                    if (IsTrue(child) && name != "additionalProperties")
                    {
                        value[name] = new JsonObject();
                    }
                    else
                    {
                        Rebase(child, root);
                    }
                }

                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (IsTrue(items[i]))
                    {
                        items[i] = new JsonObject();
                    }
                    else
                    {
                        Rebase(items[i], root);
                    }
                }

                break;
        }
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    private static JsonObject VersionParameter(string location, string name) => new()
    {
        ["name"] = name,
        ["in"] = location,
        ["required"] = false,
        ["description"] = $"The API version to serve the request (a date; default {ApiVersions.Current}).",
        ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. ApiVersions.Supported.Select(v => (JsonNode)v)]) },
    };

    private static JsonObject Header(string description, string type = "string") =>
        new() { ["description"] = description, ["schema"] = new JsonObject { ["type"] = type } };

    private static JsonObject ErrorResponse(string description, bool retryAfter = false)
    {
        var headers = new JsonObject
        {
            ["x-request-id"] = Ref("#/components/headers/requestId"),
            ["x-api-version"] = Ref("#/components/headers/apiVersion"),
        };
        if (retryAfter)
        {
            headers["Retry-After"] = Ref("#/components/headers/retryAfter");
        }

        return new JsonObject
        {
            ["description"] = description,
            ["headers"] = headers,
            ["content"] = new JsonObject
            {
                ["application/json"] = new JsonObject
                {
                    ["schema"] = Ref(Schemas + "ErrorBody"),
                    ["example"] = JsonNode.Parse(retryAfter
                        ? """{"error":{"message":"Rate limit reached: 60 requests per minute. Please retry after 12 s or ask your administrator to raise the limit.","type":"requests","param":null,"code":"rate_limit_exceeded","current_usage":{"requests_per_min":60,"requests_limit_per_min":60},"retry_after":12}}"""
                        : """{"error":{"message":"The model 'no-such-model' does not exist or you do not have access to it.","type":"invalid_request_error","param":"model","code":"model_not_found"}}"""),
                },
            },
        };
    }

    private static JsonObject Scheme(string name) => new() { [name] = new JsonArray() };

    private static JsonObject Ref(string target) => new() { ["$ref"] = target };

    [GeneratedRegex("{([^}*]+)}")]
    private static partial Regex PathParameter();
}
