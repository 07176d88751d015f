namespace Serverless.Worker.Serving;

/// <summary>What every answer and chunk of one response repeats: its id, when it was made, the model.</summary>
internal sealed record ResponseHeader(string Id, long Created, string Model);
