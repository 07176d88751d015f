using System.Text;

namespace Serverless.Gateway.Benchmarks;

/// <summary>
/// A metered request the load sends: a route, a JSON body, whether the answer is an event stream, and whether each
/// sending is a new request (<c>{n}</c> in the body replaced by a number counted up, so no two are alike).
/// </summary>
internal sealed record MeteredRequest(string Path, string Body, bool Streamed, bool Unique = false)
{
    private static long sent;

    /// <summary>How long a request may take before it counts as timed out.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>A short chat completion, answered whole: the burst's request.</summary>
    public static MeteredRequest Chat { get; } = new("v1/chat/completions", """{"model":"gpt2-tiny","messages":[{"role":"user","content":"Hi"}],"max_tokens":2,"temperature":0}""", false);

    /// <summary>The soak's mix, sent in turn: chat and text completions, each whole and streamed.</summary>
    public static IReadOnlyList<MeteredRequest> Mix { get; } =
    [
        Chat,
        new("v1/chat/completions", """{"model":"gpt2-tiny","messages":[{"role":"user","content":"Hi"}],"max_tokens":2,"temperature":0,"stream":true}""", true),
        new("v1/completions", """{"model":"gpt2-tiny","prompt":"Hi","max_tokens":2,"temperature":0}""", false),
        new("v1/completions", """{"model":"gpt2-tiny","prompt":"Hi","max_tokens":2,"temperature":0,"stream":true}""", true),
    ];

    /// <summary>
    /// The soak's mix against the real worker: <see cref="Mix"/>, llama-tiny's chats, whole and streamed, which run its
    /// Jinja template and tokenizer.json on every request, and constrained decoding: a forced tool call, streamed, and a
    /// json_schema answer (the worker keeps compiled grammars and their masks, so these show whether that stays bounded).
    /// </summary>
    public static IReadOnlyList<MeteredRequest> WorkerMix { get; } =
    [
        .. Mix,
        new("v1/chat/completions", """{"model":"llama-tiny","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],"max_tokens":2,"temperature":0}""", false),
        new("v1/chat/completions", """{"model":"llama-tiny","messages":[{"role":"user","content":"Hi"}],"max_tokens":2,"temperature":0,"stream":true}""", true),
        new(
            "v1/chat/completions",
            """{"model":"gpt2-tiny","messages":[{"role":"user","content":"Weather?"}],"max_tokens":24,"stream":true,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}}],"tool_choice":"required"}""",
            true),
        new(
            "v1/chat/completions",
            """{"model":"gpt2-tiny","messages":[{"role":"user","content":"A point"}],"max_tokens":24,"response_format":{"type":"json_schema","json_schema":{"name":"point","strict":true,"schema":{"type":"object","properties":{"x":{"type":"integer","minimum":0,"maximum":99},"ok":{"type":"boolean"}},"required":["x","ok"],"additionalProperties":false}}}}""",
            false),
    ];

    /// <summary>
    /// The soak's mix for a key that opted in to the response cache: <see cref="Mix"/> (its whole answers are hits
    /// after their first, its streams never cached) and whole chats and completions that are each new (misses, each
    /// kept), so the cache fills past its memory bound.
    /// </summary>
    public static IReadOnlyList<MeteredRequest> CacheMix { get; } =
    [
        .. Mix,
        new("v1/chat/completions", """{"model":"gpt2-tiny","messages":[{"role":"user","content":"Hi {n}"}],"max_tokens":2,"temperature":0}""", false, Unique: true),
        new("v1/completions", """{"model":"gpt2-tiny","prompt":"Hi {n}","max_tokens":2,"seed":7}""", false, Unique: true),
    ];

    /// <summary>Sends the request and reads the whole answer within the client's timeout.</summary>
    public async Task<RequestOutcome> SendAsync(HttpClient http)
    {
        try
        {
            var body = Unique ? Body.Replace("{n}", Interlocked.Increment(ref sent).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) : Body;
            using var response = await http.PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"));
            if (!response.IsSuccessStatusCode)
            {
                return RequestOutcome.Error;
            }

            // A stream that fails midway is still a 200: only its closing event says it finished.
            var text = await response.Content.ReadAsStringAsync();
            return !Streamed || text.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal) ? RequestOutcome.Ok : RequestOutcome.Error;
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            return RequestOutcome.Timeout;
        }
        catch (HttpRequestException)
        {
            return RequestOutcome.Error;
        }
    }
}
