using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Serverless.Api.Webhooks;
using Serverless.Testing;

namespace Serverless.Api.Tests.Webhooks;

/// <summary>
/// One webhook call: signed with every secret it is given, never sent in cleartext unless allowed, and when it gets
/// no answer the caller is told one generic thing whatever the cause (no resolver oracle, no port scanner), while
/// the log keeps the cause.
/// </summary>
public sealed class WebhookSenderTests
{
    private static readonly string[] Secrets = [WebhookSigner.NewSecret()];

    [Fact]
    public async Task Send_WithTwoSecrets_IsVerifiedByEither_AndByNoOther()
    {
        using var receiver = new WebhookReceiver();
        using var sender = Sender(allowPrivate: true, allowHttp: true);
        var (current, previous) = (WebhookSigner.NewSecret(), WebhookSigner.NewSecret());

        var delivery = await sender.SendAsync(new Uri(receiver.Url), "msg_two", 1, """{"id":"job_two"}""", [current, previous], CancellationToken.None);

        Assert.Equal(200, delivery.StatusCode);
        var call = Assert.Single(await receiver.WaitForCallsAsync("job_two", 1, TimeSpan.FromSeconds(10)));
        Assert.True(WebhookReceiver.IsSignedWith(call, current));
        Assert.True(WebhookReceiver.IsSignedWith(call, previous));
        Assert.False(WebhookReceiver.IsSignedWith(call, WebhookSigner.NewSecret()));
    }

    [Fact]
    public async Task Send_HostThatDoesNotResolve_RecordsTheGenericError_AndLogsTheCause()
    {
        var logger = new ListLogger<WebhookSender>();
        using var sender = Sender(allowPrivate: false, allowHttp: false, logger, (_, _) => throw new SocketException((int)SocketError.HostNotFound));

        var delivery = await sender.SendAsync(new Uri("https://db.internal.example/hook?token=t0ps3cret"), "msg_dns", 1, "{}", Secrets, CancellationToken.None);

        Assert.Null(delivery.StatusCode);
        Assert.Equal(WebhookSender.NotDelivered, delivery.Error);
        var logged = Assert.Single(logger.Entries);
        Assert.Equal(8002, logged.Event.Id);
        Assert.Contains("db.internal.example", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("t0ps3cret", logged.Message, StringComparison.Ordinal);
        Assert.NotNull(logged.Exception);
    }

    [Fact]
    public async Task Send_NameThatResolvesToARefusedAddress_IsNotConnected_AndGetsTheSameGenericError()
    {
        using var receiver = new WebhookReceiver();
        var logger = new ListLogger<WebhookSender>();
        using var sender = Sender(allowPrivate: false, allowHttp: true, logger, (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));
        var url = new Uri(receiver.Url.Replace("127.0.0.1", "rebound.example", StringComparison.Ordinal));

        var delivery = await sender.SendAsync(url, "msg_rebind", 1, """{"id":"job_rebind"}""", Secrets, CancellationToken.None);

        Assert.Equal(WebhookSender.NotDelivered, delivery.Error);
        Assert.Empty(receiver.Calls);
        Assert.Contains(logger.Entries, e => e.Exception?.Message.Contains("may not reach", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Send_ToAClosedPort_GetsTheSameGenericError()
    {
        using var sender = Sender(allowPrivate: true, allowHttp: true);

        var delivery = await sender.SendAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/hook"), "msg_closed", 1, "{}", Secrets, CancellationToken.None);

        Assert.Null(delivery.StatusCode);
        Assert.Equal(WebhookSender.NotDelivered, delivery.Error);
    }

    [Fact]
    public async Task Send_PlainHttp_IsNotMade_UnlessAllowed()
    {
        using var receiver = new WebhookReceiver();
        using var sender = Sender(allowPrivate: true, allowHttp: false);

        var delivery = await sender.SendAsync(new Uri(receiver.Url), "msg_http", 1, """{"id":"job_http"}""", Secrets, CancellationToken.None);

        Assert.Equal(WebhookSender.HttpRefused, delivery.Error);
        Assert.Null(delivery.StatusCode);
        Assert.Empty(receiver.Calls);
    }

    private static WebhookSender Sender(
        bool allowPrivate, bool allowHttp, ListLogger<WebhookSender>? logger = null, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null) =>
        new(
            Options.Create(new WebhookOptions { AllowPrivateAddresses = allowPrivate, AllowHttp = allowHttp, Timeout = TimeSpan.FromSeconds(5) }),
            TimeProvider.System,
            logger ?? new ListLogger<WebhookSender>(),
            resolve);
}
