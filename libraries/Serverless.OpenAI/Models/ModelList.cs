namespace Serverless.OpenAI.Models;

/// <summary>The answer of <c>GET /v1/models</c>.</summary>
public sealed record ModelList(IReadOnlyList<Model> Data)
{
    /// <summary>Always <c>list</c>.</summary>
    public string Object => "list";
}
