namespace Serverless.Inference.Generation;

/// <summary>One sequence's slice of a cache: its row, and how many real (rightmost) positions it has.</summary>
internal readonly record struct KvRow(KvCache Source, int Row, int Length);
