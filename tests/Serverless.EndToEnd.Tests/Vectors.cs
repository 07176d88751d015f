namespace Serverless.EndToEnd.Tests;

/// <summary>Vector math for embedding assertions.</summary>
internal static class Vectors
{
    /// <summary>Cosine similarity.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
