using System.Text;
using System.Text.Json;
using Serverless.Inference.Constraints.Matching;

namespace Serverless.Inference.Tests.Constraints;

/// <summary>Runs whole documents through a constraint's matcher, byte by byte, without a model.</summary>
internal static class Documents
{
    public static JsonConstraint Schema(string json) => JsonConstraint.FromSchema(JsonDocument.Parse(json).RootElement.Clone());

    /// <summary>Whether the constraint accepts <paramref name="document"/> as a whole document.</summary>
    public static bool Accepts(JsonConstraint constraint, string document) =>
        MatchState.Start(constraint.Root).Step(Encoding.UTF8.GetBytes(document), []) is { } state && state.IsAccepting;

    public static bool Accepts(JsonConstraint constraint, byte[] document) =>
        MatchState.Start(constraint.Root).Step(document, []) is { } state && state.IsAccepting;

    /// <summary>Whether <paramref name="prefix"/> can still begin an accepted document.</summary>
    public static bool AcceptsPrefix(JsonConstraint constraint, string prefix) =>
        MatchState.Start(constraint.Root).Step(Encoding.UTF8.GetBytes(prefix), []) is not null;

    /// <summary>The prefix followed by the matcher's own shortest completion of it.</summary>
    public static string Completed(JsonConstraint constraint, string prefix)
    {
        var state = MatchState.Start(constraint.Root).Step(Encoding.UTF8.GetBytes(prefix), [])!;
        return prefix + Encoding.UTF8.GetString(state.ShortestCompletion());
    }
}
