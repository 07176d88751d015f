namespace Serverless.Inference;

/// <summary>A snapshot of a generation model's scheduler: sequences in the running batch and requests waiting to join it.</summary>
public sealed record GenerationStatistics(int ActiveSequences, int WaitingRequests);
