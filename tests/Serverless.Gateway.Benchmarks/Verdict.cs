namespace Serverless.Gateway.Benchmarks;

/// <summary>A pass or fail line for one criterion of a benchmark.</summary>
internal static class Verdict
{
    /// <summary>Prints <c>PASS</c> or <c>FAIL</c>, the criterion and what was seen; returns <paramref name="passed"/>.</summary>
    public static bool Print(bool passed, string criterion, string seen)
    {
        Console.WriteLine($"{(passed ? "PASS" : "FAIL")}  {criterion}: {seen}");
        return passed;
    }
}
