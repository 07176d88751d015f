using Microsoft.Extensions.Logging;

namespace Serverless.ModelBuilder;

internal static partial class DefaultModelsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Default model {ModelId} is present")]
    public static partial void Present(ILogger logger, string modelId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Building default model {ModelId} into {Folder}")]
    public static partial void Building(ILogger logger, string modelId, string folder);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Built default model {ModelId} in {ElapsedMs:F0} ms")]
    public static partial void Built(ILogger logger, string modelId, double elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Default model {ModelId} was published by another process first")]
    public static partial void BuiltElsewhere(ILogger logger, string modelId);
}
