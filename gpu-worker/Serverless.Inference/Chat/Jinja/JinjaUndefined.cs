namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// jinja2's default <c>Undefined</c>: prints as nothing, is false, iterates as empty, and raises with
/// <see cref="Message"/> on any other use (an unsafe attribute raises the same way, as a sandbox error).
/// </summary>
internal sealed class JinjaUndefined
{
    // Most undefined values are only tested or printed, so their message is composed only when one raises.
    private readonly Func<string> describe;

    public JinjaUndefined(string message) => describe = () => message;

    private JinjaUndefined(Func<string> describe) => this.describe = describe;

    public string Message => describe();

    public static JinjaUndefined Named(string name) => new($"'{name}' is undefined");

    public static JinjaUndefined NoAttribute(object? owner, string name) =>
        new(() => $"'{JinjaValues.ObjectTypeRepr(owner)}' has no attribute '{name}'");

    public static JinjaUndefined NoElement(object? owner, object? key) =>
        new(() => $"{JinjaValues.ObjectTypeRepr(owner)} has no element {JinjaValues.Repr(key)}");

    public static JinjaUndefined Unsafe(object? owner, string name) =>
        new(() => $"access to attribute '{name}' of '{JinjaValues.TypeName(owner)}' object is unsafe: lists and dicts are immutable in templates");

    public JinjaException Error() => new(JinjaErrorKind.Runtime, Message);
}
