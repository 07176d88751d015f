namespace Serverless.ModelBuilder.Gpt2;

/// <summary>
/// A seeded normal source that gives the same numbers on every platform and runtime version:
/// xoshiro256** (seeded through SplitMix64) for bits, and the sum of twelve uniforms for the
/// normal, because it needs only additions, unlike Box-Muller's Log/Cos whose last bits vary
/// between math libraries. <see cref="Random"/> makes no such cross-version promise.
/// </summary>
internal sealed class SeededGaussian
{
    private const double TwoToMinus32 = 1.0 / 4294967296.0;
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    public SeededGaussian(int seed)
    {
        var x = unchecked((ulong)seed);
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>Fills <paramref name="values"/> with N(0, <paramref name="std"/>) samples (Irwin-Hall, clipped at ±6σ).</summary>
    public void Fill(Span<float> values, double std)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < 6; k++)
            {
                var bits = Next();
                sum += (bits >> 32) * TwoToMinus32;
                sum += (bits & 0xFFFF_FFFF) * TwoToMinus32;
            }

            values[i] = (float)((sum - 6.0) * std);
        }
    }

    private ulong Next()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E37_79B9_7F4A_7C15;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB;
        return z ^ (z >> 31);
    }
}
