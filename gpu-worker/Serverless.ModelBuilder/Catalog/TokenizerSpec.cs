namespace Serverless.ModelBuilder.Catalog;

/// <summary>The <c>tokenizer</c> object of model.json; only the keys its <see cref="Type"/> uses are set.</summary>
internal sealed record TokenizerSpec
{
    public required string Type { get; init; }

    public string? Encoding { get; init; }

    public string? Vocab { get; init; }

    public bool? Lowercase { get; init; }

    public bool? StripAccents { get; init; }
}
