namespace Serverless.Inference.Generation;

/// <summary>One forward pass's output: each row's last-position logits ([batch × vocab], fp32) and the grown cache.</summary>
internal sealed record ForwardResult(float[] Logits, int VocabSize, KvCache Present)
{
    public ReadOnlySpan<float> Row(int row) => Logits.AsSpan(row * VocabSize, VocabSize);
}
