namespace Serverless.Inference.Constraints.Matching;

/// <summary>Where an object frame is: between which of <c>{ "key" : value , }</c>.</summary>
internal static class ObjectPhase
{
    public const int Open = 0;
    public const int Key = 1;
    public const int Colon = 2;
    public const int AfterColon = 3;
    public const int AfterValue = 4;
    public const int NextKey = 5;
}
