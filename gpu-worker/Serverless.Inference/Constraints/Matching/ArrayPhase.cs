namespace Serverless.Inference.Constraints.Matching;

/// <summary>Where an array frame is: just opened, after an item, or after a comma.</summary>
internal static class ArrayPhase
{
    public const int Open = 0;
    public const int AfterItem = 1;
    public const int NextItem = 2;
}
