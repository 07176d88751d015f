using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Api.Routing;

namespace Serverless.EndToEnd.Tests.Fuzz;

/// <summary>
/// A seeded generator of hostile requests on every route of <see cref="ApiRoutes.All"/>: well-formed bodies broken
/// one to three ways (fields removed, retyped, stretched to boundaries, nested deep, truncated, replaced by bytes),
/// odd methods, made-up ids and queries, credentials of every shape, and content types that lie. The same seed
/// makes the same requests.
/// </summary>
internal sealed class FuzzRequestGenerator(int seed, IReadOnlyDictionary<string, string> keys)
{
    private static readonly string[] OddMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"];
    private static readonly string[] QueryNames = ["limit", "after", "owner", "start_date", "end_date", "date", "group_by", "model", "stream", "api-version"];
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/xml", "*/*", "garbage", ";;;",
    ];

    private static readonly JsonSerializerOptions Writing = new() { MaxDepth = 4096 };
    private readonly Random random = new(seed);

    /// <summary>The next request.</summary>
    public FuzzRequest Next()
    {
        var route = Pick(ApiRoutes.All);
        var method = random.NextDouble() < 0.8 ? Pick(route.Methods) : Pick(OddMethods);
        var path = Path(route.Template);
        var headers = new List<KeyValuePair<string, string>>();
        var credential = Credential();
        if (credential is not null)
        {
            headers.Add(credential.Value);
        }

        if (random.NextDouble() < 0.2)
        {
            headers.Add(new("x-request-id", Pick(["", "ok-id", new string('r', 5000), "ünïcödé", "a\tb", "../../etc"])));
        }

        if (random.NextDouble() < 0.1)
        {
            headers.Add(new("Accept", Pick(["text/event-stream", "application/xml", "*/*", "garbage"])));
        }

        byte[]? body = null;
        string? contentType = null;
        var description = $"{method} {path}";
        if (method is "POST" or "PUT" or "PATCH" || random.NextDouble() < 0.05)
        {
            (body, var how) = Body(route.Name);
            contentType = random.NextDouble() < 0.75 ? "application/json" : random.NextDouble() < 0.15 ? null : Pick(ContentTypes);
            description += $" [{how}; {contentType ?? "no content type"}]";
        }

        return new FuzzRequest(method, path, headers, body, contentType, description + $" as {credential?.Key ?? "nobody"}");
    }

    private string Path(string template)
    {
        var path = template == ApiRoutes.Unmatched ? Pick(["v1/nothing", "v2/models", "", "v1/", "v1//models", "v1/models/", "%2e%2e/secret", "v1/chat/completions/extra"]) : template;
        foreach (var parameter in new[] { "{id}", "{name}", "{model}" })
        {
            path = path.Replace(parameter, Uri.EscapeDataString(Pick(["job_0123456789abcdef0123456789abcdef", "key_none", "default", "gpt2-tiny", "none", "", " ", new string('x', 1500), "ünï", "a/b", "..", "%00", "'; DROP TABLE", "job_" + new string('f', 32)])), StringComparison.Ordinal);
        }

        if (random.NextDouble() < 0.3)
        {
            var query = string.Join('&', Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
                Pick(QueryNames) + "=" + Uri.EscapeDataString(Pick(["", "1", "-1", "0", "101", "99999999999999999999", "model", "day", "2026-01-01", "2026-13-45", "x", new string('q', 3000), "ünï", "true", "admin", "jwt:x"]))));
            path += "?" + query;
        }

        return "/" + path;
    }

    private KeyValuePair<string, string>? Credential()
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.35 => new("Authorization", "Bearer " + keys["user"]),
            < 0.55 => new("Authorization", "Bearer " + keys["admin"]),
            < 0.60 => new("api-key", keys["user"]),
            < 0.65 => new("Authorization", "Bearer " + keys["reader"]),
            < 0.70 => null,
            _ => new("Authorization", Pick([
                "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer " + keys["user"], "Bearer sk-short", "Bearer " + new string('k', 10_000),
                "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Bearer eyJ.eyJ.x", "Bearer eyJ" + new string('A', 3000) + ".eyJ.sig", "Bearer sk-" + new string('A', 43),
                "Bearer sk-ünïcödé-ünïcödé-ünïcödé-ünïcödé-ünïcödé", "Token abc", "Bearer \u0001\u0002",
            ])),
        };
    }

    private (byte[] Body, string How) Body(string route)
    {
        switch (random.NextDouble())
        {
            case < 0.05:
                return ([], "empty");
            case < 0.10:
                var bytes = new byte[random.Next(1, 2048)];
                random.NextBytes(bytes);
                return (bytes, "random bytes");
            case < 0.13:
                return (Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)), "nested 5000 deep");
            case < 0.15:
                return (Encoding.UTF8.GetBytes(Pick(["null", "[]", "1e999", "\"text\"", "true", "{", "}", "{\"a\":1,\"a\":2}", "\uFEFF{}", "{\"model\":\"gpt2-tiny\"}\u0000"])), "odd document");
            case < 0.16:
                return (Encoding.UTF8.GetBytes("{\"model\":\"gpt2-tiny\",\"prompt\":\"" + new string('a', 4 * 1024 * 1024 + 10) + "\"}"), "over 4 MiB");
        }

        var document = Base(route);
        var mutations = new List<string>();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            mutations.Add(Mutate(document));
        }

        var text = document.ToJsonString(Writing);
        if (random.NextDouble() < 0.08)
        {
            text = text[..random.Next(text.Length)];
            mutations.Add("truncated");
        }

        var body = Encoding.UTF8.GetBytes(text);
        if (random.NextDouble() < 0.03 && body.Length > 2)
        {
            body[random.Next(body.Length)] = (byte)Pick([0xC3, 0xFF, 0x80, 0xED]);
            mutations.Add("invalid UTF-8");
        }

        return (body, string.Join(", ", mutations));
    }

    private static JsonObject Base(string route) => route switch
    {
        "Completions" or "StreamingCompletions" or "AsyncCompletions" =>
            new() { ["model"] = "gpt2-tiny", ["prompt"] = "Hello", ["max_tokens"] = 3, ["temperature"] = 0.5, ["top_p"] = 0.9, ["n"] = 1, ["stop"] = new JsonArray("\n"), ["seed"] = 7 },
        "ChatCompletions" or "Chat" or "StreamingChat" or "AsyncChatCompletions" =>
            new() { ["model"] = "gpt2-tiny", ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "Be brief." }, new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Hi" }) }), ["max_tokens"] = 3, ["stream"] = false, ["stream_options"] = new JsonObject { ["include_usage"] = true } },
        "Embeddings" => new() { ["model"] = "all-minilm-l6-v2", ["input"] = new JsonArray("one", "two"), ["encoding_format"] = "float" },
        "AdminKeys" or "AdminKey" => new() { ["name"] = "fuzz", ["owner"] = "fuzz-owner", ["role"] = "user", ["scopes"] = new JsonArray("chat"), ["limits"] = new JsonObject { ["rpm"] = 10, ["tpd"] = 1000 }, ["ip_allowlist"] = new JsonArray("10.0.0.0/8"), ["expires_in"] = 3600, ["metadata"] = new JsonObject { ["k"] = "v" } },
        "AdminKeyRotate" => new() { ["grace_period_seconds"] = 60 },
        "AdminTier" => new() { ["limits"] = new JsonObject { ["rpm"] = 100000, ["tpm"] = 100000000, ["rpd"] = 10000000, ["tpd"] = 1000000000, ["max_concurrency"] = 64 } },
        "AdminPrice" => new() { ["input_per_1k"] = 0.001, ["output_per_1k"] = 0.002 },
        _ => new() { ["model"] = "gpt2-tiny" },
    };

    private string Mutate(JsonObject document)
    {
        var names = document.Select(p => p.Key).ToArray();
        var roll = random.NextDouble();
        if (names.Length == 0 || roll < 0.1)
        {
            var name = Pick(["unknown_field", "n", "logprobs", "tools", "response_format", "user", "functions", "max_completion_tokens", "__proto__", ""]);
            document[name] = Value();
            return $"added {name}";
        }

        var target = Pick(names);
        if (roll < 0.25)
        {
            document.Remove(target);
            return $"removed {target}";
        }

        if (roll < 0.35 && document[target] is JsonArray array)
        {
            array.Add(Value());
            return $"appended to {target}";
        }

        if (roll < 0.45 && document[target] is JsonArray { Count: > 0 } items && items[0] is JsonObject inner && inner.Count > 0)
        {
            var field = Pick(inner.Select(p => p.Key).ToArray());
            inner[field] = Value();
            return $"retyped {target}[0].{field}";
        }

        document[target] = Value();
        return $"retyped {target}";
    }

    private JsonNode? Value() => random.Next(22) switch
    {
        0 => null,
        1 => true,
        2 => 0,
        3 => -1,
        4 => int.MaxValue,
        5 => long.MinValue,
        6 => 1e308,
        7 => -0.0,
        8 => 0.5,
        9 => "",
        10 => new string('s', random.Next(1, 70_000)),
        11 => "ünïcödé 👩‍💻 \u0000 \u202e",
        12 => new JsonArray(),
        13 => new JsonArray(1, "two", null, new JsonObject()),
        14 => new JsonObject(),
        15 => new JsonObject { ["role"] = "tool", ["content"] = 5 },
        16 => Deep(random.Next(10, 300)),
        17 => new JsonArray(Enumerable.Range(0, random.Next(100, 3000)).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
        18 => "gpt2-tiny",
        19 => 4097,
        20 => "NaN",
        _ => 1e-320,
    };

    private static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonObject();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["a"] = node };
        }

        return node;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
