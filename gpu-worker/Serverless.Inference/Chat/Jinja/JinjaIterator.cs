namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// A Python generator or iterator, as <c>select</c>, <c>map</c>, <c>reverse</c> and friends return: always true,
/// without a length, and used up by the first walk over it.
/// </summary>
internal sealed class JinjaIterator(IEnumerable<object?> source, string typeName = "generator")
{
    private readonly IEnumerator<object?> remaining = source.GetEnumerator();

    public string TypeName => typeName;

    public IEnumerable<object?> Drain()
    {
        while (remaining.MoveNext())
        {
            yield return remaining.Current;
        }
    }
}
