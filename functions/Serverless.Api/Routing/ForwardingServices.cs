using Microsoft.Extensions.Options;
using Serverless.Api.Caching;
using Serverless.Api.Catalog;
using Serverless.Api.Models;
using Serverless.Api.Pipeline;
using Serverless.Api.Prices;
using Serverless.Api.Quotas;
using Serverless.Api.Usage;
using Serverless.Api.Relay;
using Serverless.Api.Telemetry;
using Serverless.Api.Upstreams;
using Serverless.Api.Versioning;

namespace Serverless.Api.Routing;

/// <summary>What every inference route needs, in one place so the handlers' constructors stay short.</summary>
internal sealed record ForwardingServices(
    ModelRegistry Models,
    WorkerRelay Relay,
    QuotaGate Quotas,
    PriceTable Prices,
    UsageRecorder Usage,
    TimeProvider Time,
    IOptions<ApiOptions> Api,
    IOptions<PriceOptions> PriceOptions,
    Deprecations Deprecations,
    ModelCatalog Catalog,
    UpstreamRelay Upstreams,
    ResponseCache Cache,
    ApiMetrics Metrics);
