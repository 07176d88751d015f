namespace Serverless.Inference.Chat.Jinja;

/// <summary>Which Python sequence a <see cref="JinjaList"/> stands for, which changes how it prints and what it allows.</summary>
internal enum JinjaListKind
{
    List,
    Tuple,
    DictKeys,
    DictValues,
    DictItems,
}
