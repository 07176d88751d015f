using System.Collections.Concurrent;
using System.Diagnostics;

namespace Serverless.EndToEnd.Tests.Client;

/// <summary>Passes calls on to the network and records when each <c>GET</c> of a job was sent, to see how a wait polls.</summary>
internal sealed class PollRecorder() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<long> polls = new();

    /// <summary>The gaps between consecutive polls, in order.</summary>
    public IReadOnlyList<TimeSpan> Gaps
    {
        get
        {
            var at = polls.ToArray();
            return [.. at.Skip(1).Select((t, i) => Stopwatch.GetElapsedTime(at[i], t))];
        }
    }

    /// <summary>How many polls were sent.</summary>
    public int Count => polls.Count;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.StartsWith("/v1/async/completions/", StringComparison.Ordinal))
        {
            polls.Enqueue(Stopwatch.GetTimestamp());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
