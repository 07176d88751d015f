namespace Serverless.Inference;

/// <summary>A JSON schema uses a keyword (or a value of one) that constrained decoding cannot enforce.</summary>
public sealed class UnsupportedSchemaException : Exception
{
    /// <summary>Creates the exception for <paramref name="keyword"/> at <paramref name="path"/>, saying why.</summary>
    public UnsupportedSchemaException(string keyword, string path, string reason)
        : base($"'{keyword}' at {path}: {reason}")
    {
        Keyword = keyword;
        Path = path;
    }

    /// <summary>The same refusal, said of one tool function's parameters.</summary>
    internal UnsupportedSchemaException InFunction(string name) => new(Keyword, Path, $"function '{name}' parameters, {Message}", true);

    private UnsupportedSchemaException(string keyword, string path, string message, bool _)
        : base(message)
    {
        Keyword = keyword;
        Path = path;
    }

    /// <summary>The keyword refused, such as <c>pattern</c>.</summary>
    public string Keyword { get; }

    /// <summary>A JSON pointer to the schema holding the keyword, such as <c>#/properties/age</c>.</summary>
    public string Path { get; }
}
