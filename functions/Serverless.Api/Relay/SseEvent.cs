namespace Serverless.Api.Relay;

/// <summary>One server-sent event as it goes to the client (usage comments removed), and the usage it carried.</summary>
internal sealed record SseEvent(ReadOnlyMemory<byte> Bytes, (int Prompt, int Completion)? Usage);
