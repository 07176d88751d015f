using Microsoft.Extensions.Options;

namespace Serverless.Client;

/// <summary>Checks <see cref="ServerlessClientOptions"/> when the client is made, so a bad setting fails at start, not at the first call.</summary>
internal sealed class ServerlessClientOptionsValidator : IValidateOptions<ServerlessClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerlessClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Endpoint is not { IsAbsoluteUri: true } endpoint || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Endpoint must be an absolute http or https URL, the API's base ending in /v1.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("ApiKey must be set.");
        }

        if (options.PollInitialDelay <= TimeSpan.Zero || options.PollMaxDelay < options.PollInitialDelay)
        {
            failures.Add("PollInitialDelay must be positive and PollMaxDelay at least as long.");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add("MaxRetryAttempts must be 0 to 10.");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add("MaxRetryAfter must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> when <paramref name="options"/> are not valid.</summary>
    public static void ThrowIfInvalid(ServerlessClientOptions options)
    {
        var result = new ServerlessClientOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ServerlessClientOptions), result.Failures);
        }
    }
}
