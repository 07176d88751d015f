using System.Net;
using System.Text.RegularExpressions;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Catalog;

/// <summary>Checks catalog writes against each other and the catalog as it stands; the first problem is a 400 naming the field.</summary>
internal static partial class CatalogValidator
{
    private const int MaxDeployments = 32;
    private const int MaxAliases = 16;
    private const int MaxFallbacks = 8;
    private const int MaxContextLength = 10_000_000;
    private const int MaxTimeoutSeconds = 230; // Azure's limit on an HTTP trigger's answer
    private const int DefaultTimeoutSeconds = 60;

    /// <summary>Validates a model id (of the path, an alias or a fallback); <c>auto</c> is reserved for the automatic choice.</summary>
    public static ApiError? CheckId(string id, string param) =>
        !ModelId().IsMatch(id)
            ? ApiError.InvalidParameter(param, $"'{Shorten(id)}' is not a valid model id: 1 to 128 of letters, digits and . _ : / -, starting with a letter or digit.")
            : id == AutoModel.Name
                ? ApiError.InvalidParameter(param, $"'{AutoModel.Name}' is reserved: a request naming it is served by the cheapest model that can serve it.")
                : null;

    /// <summary>
    /// Validates a PUT of <paramref name="id"/> against <paramref name="catalog"/> (which may hold the model's current
    /// version) and builds the model; a fallback is a catalog model or one of <paramref name="workerModels"/>.
    /// </summary>
    public static (CatalogModel? Model, ApiError? Error) ForPut(
        string id, CatalogModelRequest request, IReadOnlyCollection<CatalogModel> catalog, bool allowHttpUpstreams, DateTimeOffset now,
        IReadOnlyCollection<string>? workerModels = null)
    {
        if (CheckId(id, "id") is { } invalidId)
        {
            return (null, invalidId);
        }

        var others = catalog.Where(m => m.Id != id).ToArray();
        if (others.FirstOrDefault(m => m.Aliases.Contains(id)) is { } owner)
        {
            return (null, ApiError.InvalidParameter("id", $"'{id}' is already an alias of the model '{owner.Id}'."));
        }

        var capabilities = request.Capabilities ?? [];
        if (capabilities.Count == 0)
        {
            return (null, Missing("capabilities"));
        }

        if (capabilities.FirstOrDefault(c => !CatalogModel.KnownCapabilities.Contains(c)) is { } unknown)
        {
            return (null, ApiError.InvalidParameter("capabilities", $"'{Shorten(unknown)}' is not a capability; use {string.Join(", ", CatalogModel.KnownCapabilities)}."));
        }

        if (request.ContextLength is null)
        {
            return (null, Missing("context_length"));
        }

        if (request.ContextLength is < 1 or > MaxContextLength)
        {
            return (null, ApiError.InvalidParameter("context_length", $"context_length must be between 1 and {MaxContextLength}."));
        }

        var aliases = request.Aliases ?? [];
        if ((CheckAliases(id, aliases, others) ?? CheckFallbacks(id, request.Fallbacks ?? [], others, workerModels ?? [])) is { } invalidNames)
        {
            return (null, invalidNames);
        }

        var deployments = request.Deployments ?? [];
        if (deployments.Count is 0 or > MaxDeployments)
        {
            return (null, ApiError.InvalidParameter("deployments", $"A model needs 1 to {MaxDeployments} deployments.", deployments.Count == 0 ? "missing_required_parameter" : "invalid_value"));
        }

        var built = new List<Deployment>(deployments.Count);
        for (var i = 0; i < deployments.Count; i++)
        {
            var (deployment, error) = CheckDeployment(deployments[i], $"deployments[{i}]", id, allowHttpUpstreams);
            if (error is not null)
            {
                return (null, error);
            }

            if (built.Any(d => d.Id == deployment!.Id))
            {
                return (null, ApiError.InvalidParameter($"deployments[{i}].id", $"The deployment id '{deployment!.Id}' is used twice."));
            }

            built.Add(deployment!);
        }

        return (new CatalogModel(id, capabilities.Distinct().ToArray(), request.ContextLength.Value, aliases.ToArray(), built, (request.Fallbacks ?? []).ToArray(), now), null);
    }

    private static ApiError? CheckAliases(string id, IReadOnlyList<string> aliases, IReadOnlyCollection<CatalogModel> others)
    {
        if (aliases.Count > MaxAliases)
        {
            return ApiError.InvalidParameter("aliases", $"A model may have at most {MaxAliases} aliases.");
        }

        for (var i = 0; i < aliases.Count; i++)
        {
            var alias = aliases[i];
            var param = $"aliases[{i}]";
            if (CheckId(alias, param) is { } invalid)
            {
                return invalid;
            }

            if (alias == id || aliases.Take(i).Contains(alias))
            {
                return ApiError.InvalidParameter(param, $"The alias '{alias}' repeats the model's id or another alias.");
            }

            if (others.FirstOrDefault(m => m.Id == alias || m.Aliases.Contains(alias)) is { } taken)
            {
                return ApiError.InvalidParameter(param, $"The alias '{alias}' is already the id or an alias of the model '{taken.Id}'.");
            }
        }

        return null;
    }

    private static ApiError? CheckFallbacks(string id, IReadOnlyList<string> fallbacks, IReadOnlyCollection<CatalogModel> others, IReadOnlyCollection<string> workerModels)
    {
        if (fallbacks.Count > MaxFallbacks)
        {
            return ApiError.InvalidParameter("fallbacks", $"A model may have at most {MaxFallbacks} fallbacks.");
        }

        for (var i = 0; i < fallbacks.Count; i++)
        {
            var param = $"fallbacks[{i}]";
            if (fallbacks[i] == id)
            {
                return ApiError.InvalidParameter(param, "A model cannot be its own fallback.");
            }

            if (fallbacks.Take(i).Contains(fallbacks[i]))
            {
                return ApiError.InvalidParameter(param, $"The fallback '{Shorten(fallbacks[i])}' is listed twice.");
            }

            if (!others.Any(m => m.Id == fallbacks[i]) && !workerModels.Contains(fallbacks[i]))
            {
                return ApiError.InvalidParameter(param, $"The fallback '{Shorten(fallbacks[i])}' is neither a catalog model (name it by id, not alias) nor a model the worker serves.");
            }
        }

        return null;
    }

    private static (Deployment? Deployment, ApiError? Error) CheckDeployment(DeploymentObject d, string at, string modelId, bool allowHttpUpstreams)
    {
        if (d.Id is null)
        {
            return (null, Missing($"{at}.id"));
        }

        if (!DeploymentId().IsMatch(d.Id))
        {
            return (null, ApiError.InvalidParameter($"{at}.id", "A deployment id is 1 to 64 of letters, digits and . _ -, starting with a letter or digit."));
        }

        DeploymentKind? kind = d.Kind switch { "worker" => DeploymentKind.Worker, "openai" => DeploymentKind.OpenAI, _ => null };
        if (kind is null)
        {
            return (null, d.Kind is null ? Missing($"{at}.kind") : ApiError.InvalidParameter($"{at}.kind", "kind must be 'worker' or 'openai'."));
        }

        if (d.BaseUrl is null)
        {
            return (null, Missing($"{at}.base_url"));
        }

        if (!Uri.TryCreate(d.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            return (null, ApiError.InvalidParameter($"{at}.base_url", "base_url must be an absolute http or https URL without credentials, query or fragment."));
        }

        if (kind == DeploymentKind.OpenAI && url.Scheme == "http" && !allowHttpUpstreams && !IsLoopback(url))
        {
            return (null, ApiError.InvalidParameter($"{at}.base_url", "An openai deployment's key would cross the network in clear: use https (or set Catalog:AllowHttpUpstreams)."));
        }

        if (d.Model is not null && CheckId(d.Model, $"{at}.model") is { } invalidModel)
        {
            return (null, invalidModel);
        }

        if (kind == DeploymentKind.OpenAI && d.Credential is null)
        {
            return (null, Missing($"{at}.credential"));
        }

        if (kind == DeploymentKind.Worker && d.Credential is not null)
        {
            return (null, ApiError.InvalidParameter($"{at}.credential", "A worker deployment is called with the worker key (Worker:ApiKey); it takes no credential."));
        }

        if (d.Credential is not null && !CredentialName().IsMatch(d.Credential))
        {
            return (null, ApiError.InvalidParameter($"{at}.credential",
                "credential is the name of the setting that holds the key (letters, digits, _ . - and -- between sections, e.g. AzureOpenAI--Key), not the key."));
        }

        return (d.Weight, d.Priority, d.MaxConcurrency, d.TimeoutSeconds) switch
        {
            ( < 1 or > 1000, _, _, _) => (null, ApiError.InvalidParameter($"{at}.weight", "weight must be between 1 and 1000.")),
            (_, < 0 or > 100, _, _) => (null, ApiError.InvalidParameter($"{at}.priority", "priority must be between 0 and 100.")),
            (_, _, < 1 or > 100_000, _) => (null, ApiError.InvalidParameter($"{at}.max_concurrency", "max_concurrency must be between 1 and 100000.")),
            (_, _, _, < 1 or > MaxTimeoutSeconds) => (null, ApiError.InvalidParameter($"{at}.timeout_seconds", $"timeout_seconds must be between 1 and {MaxTimeoutSeconds}.")),
            _ => (new Deployment(
                d.Id, kind.Value, WithTrailingSlash(url), d.Model ?? modelId, d.Credential, d.Weight ?? 1, d.Priority ?? 1, d.MaxConcurrency,
                TimeSpan.FromSeconds(d.TimeoutSeconds ?? DefaultTimeoutSeconds)), null),
        };
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static Uri WithTrailingSlash(Uri url) =>
        url.AbsolutePath.EndsWith('/') ? url : new Uri(url.GetLeftPart(UriPartial.Path) + "/");

    private static ApiError Missing(string param) =>
        ApiError.InvalidParameter(param, $"You must provide the '{param}' parameter.", "missing_required_parameter");

    private static string Shorten(string value) => value.Length > 64 ? value[..64] + "…" : value;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$")]
    private static partial Regex ModelId();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex DeploymentId();

    [GeneratedRegex(@"^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex CredentialName();
}
