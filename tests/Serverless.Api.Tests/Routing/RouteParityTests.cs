using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Api.Tests.Routing;

/// <summary>The Functions app and the local host must serve exactly the same routes and methods.</summary>
public sealed class RouteParityTests
{
    [Fact]
    public void FunctionsMetadata_DeclaresExactlyTheRoutesTheLocalHostServes()
    {
        var functions = ReadFunctionsMetadataRoutes();
        var local = ReadLocalHostRoutes();

        Assert.NotEmpty(functions);
        Assert.Equal(local.OrderBy(r => r), functions.OrderBy(r => r));
    }

    private static IReadOnlyList<string> ReadFunctionsMetadataRoutes()
    {
        var path = typeof(RouteParityTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsMetadataPath").Value!;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray()
            .SelectMany(function => function.GetProperty("bindings").EnumerateArray())
            .Where(binding => binding.GetProperty("type").GetString() == "httpTrigger")
            .SelectMany(binding => binding.GetProperty("methods").EnumerateArray()
                .Select(method => $"{method.GetString()!.ToUpperInvariant()} /{binding.GetProperty("route").GetString()}"))
            .ToArray();
    }

    private static IReadOnlyList<string> ReadLocalHostRoutes()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Worker:BaseUrl", "http://127.0.0.1:9/")
            .UseSetting("Worker:ApiKey", "worker-key-of-no-worker-0123456789")
            .UseSetting("AzureWebJobsStorage", "UseDevelopmentStorage=true")
            .UseSetting("Auth:KeyPepper", "route-parity-test-pepper"));
        var sources = factory.Services.GetServices<EndpointDataSource>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
            {
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods
                    ?? Serverless.Api.Routing.ApiRoutes.AllMethods; // the fallback answers every method
                return methods.Select(method => $"{method} /{endpoint.RoutePattern.RawText!.TrimStart('/')}");
            })
            .ToArray();
    }
}
