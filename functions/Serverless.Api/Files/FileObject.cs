namespace Serverless.Api.Files;

/// <summary>A file as OpenAI's Files API shows it.</summary>
/// <param name="Id">The file id.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="CreatedAt">When it was stored (Unix seconds).</param>
/// <param name="Filename">The name it was uploaded with.</param>
/// <param name="Purpose"><c>batch</c> or <c>batch_output</c>.</param>
public sealed record FileObject(string Id, long Bytes, long CreatedAt, string Filename, string Purpose)
{
    /// <summary>The object type.</summary>
    public string Object => "file";

    /// <summary>Always <c>processed</c>: a file is stored whole or not at all (the SDKs still read the field).</summary>
    public string Status => "processed";

    /// <summary>The file object of <paramref name="row"/>.</summary>
    public static FileObject Of(FileEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new FileObject(row.RowKey, row.Bytes, row.CreatedAt.ToUnixTimeSeconds(), row.Filename, row.Purpose);
    }
}
