using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Serverless.Client.Webhooks;

namespace Serverless.Client.Tests.Webhooks;

/// <summary>
/// Webhook calls signed as the API signs them (Standard Webhooks): accepted only with the right secret, the body as
/// sent, a fresh timestamp and an id not seen before; either secret of a rotation verifies.
/// </summary>
public sealed class WebhookVerifierTests
{
    private const string Body = """{"id":"job_1","object":"async.job","status":"succeeded"}""";
    private static readonly string Secret = NewSecret();
    private static readonly string OtherSecret = NewSecret();
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-06T08:00:00Z", CultureInfo.InvariantCulture));

    private long Now => time.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public void CallSignedWithTheSecret_IsValid()
    {
        var verifier = Verifier(Secret);

        Assert.Equal(WebhookVerificationResult.Valid, verifier.Verify(Body, "msg_1", Stamp(Now), Sign(Secret, "msg_1", Now, Body)));
    }

    [Fact]
    public void TamperedBody_IsRefused()
    {
        var verifier = Verifier(Secret);

        var result = verifier.Verify(Body.Replace("succeeded", "failed", StringComparison.Ordinal), "msg_1", Stamp(Now), Sign(Secret, "msg_1", Now, Body));

        Assert.Equal(WebhookVerificationResult.InvalidSignature, result);
    }

    [Fact]
    public void ChangedIdOrTimestamp_IsRefused()
    {
        var verifier = Verifier(Secret);
        var signature = Sign(Secret, "msg_1", Now, Body);

        Assert.Equal(WebhookVerificationResult.InvalidSignature, verifier.Verify(Body, "msg_2", Stamp(Now), signature));
        Assert.Equal(WebhookVerificationResult.InvalidSignature, verifier.Verify(Body, "msg_1", Stamp(Now - 1), signature));
    }

    [Fact]
    public void CallSignedWithAnotherSecret_IsRefused()
    {
        var verifier = Verifier(Secret);

        Assert.Equal(WebhookVerificationResult.InvalidSignature, verifier.Verify(Body, "msg_1", Stamp(Now), Sign(OtherSecret, "msg_1", Now, Body)));
    }

    [Fact]
    public void TimestampOlderThanTheTolerance_IsRefusedAsTooOld_ButJustWithinIsValid()
    {
        var verifier = Verifier(Secret);
        var old = Now - 301;
        var edge = Now - 300;

        Assert.Equal(WebhookVerificationResult.TooOld, verifier.Verify(Body, "msg_1", Stamp(old), Sign(Secret, "msg_1", old, Body)));
        Assert.Equal(WebhookVerificationResult.Valid, verifier.Verify(Body, "msg_2", Stamp(edge), Sign(Secret, "msg_2", edge, Body)));
    }

    [Fact]
    public void TimestampFurtherAheadThanTheTolerance_IsRefusedAsTooNew()
    {
        var verifier = Verifier(Secret);
        var future = Now + 301;

        Assert.Equal(WebhookVerificationResult.TooNew, verifier.Verify(Body, "msg_1", Stamp(future), Sign(Secret, "msg_1", future, Body)));
    }

    [Fact]
    public void MissingOrMalformedHeaders_AreRefused()
    {
        var verifier = Verifier(Secret);
        var signature = Sign(Secret, "msg_1", Now, Body);

        Assert.Equal(WebhookVerificationResult.MissingHeaders, verifier.Verify(Body, null, Stamp(Now), signature));
        Assert.Equal(WebhookVerificationResult.MissingHeaders, verifier.Verify(Body, "msg_1", Stamp(Now), ""));
        Assert.Equal(WebhookVerificationResult.MalformedTimestamp, verifier.Verify(Body, "msg_1", "2026-12-06", signature));
        Assert.Equal(WebhookVerificationResult.InvalidSignature, verifier.Verify(Body, "msg_1", Stamp(Now), "v1,not-base64!"));
        Assert.Equal(WebhookVerificationResult.InvalidSignature, verifier.Verify(Body, "msg_1", Stamp(Now), signature["v1,".Length..]));
    }

    [Fact]
    public void SameCallAgain_WithinTheWindow_IsRefusedAsReplayed_AndAcceptedOnceForgotten()
    {
        var verifier = Verifier(Secret);
        var signature = Sign(Secret, "msg_1", Now, Body);

        var first = verifier.Verify(Body, "msg_1", Stamp(Now), signature);
        time.Advance(TimeSpan.FromMinutes(4));
        var replay = verifier.Verify(Body, "msg_1", Stamp(Now - 240), signature);
        verifier.Forget("msg_1");
        var afterForget = verifier.Verify(Body, "msg_1", Stamp(Now - 240), signature);

        Assert.Equal(WebhookVerificationResult.Valid, first);
        Assert.Equal(WebhookVerificationResult.Replayed, replay);
        Assert.Equal(WebhookVerificationResult.Valid, afterForget);
    }

    [Fact]
    public void ForgedCall_DoesNotUseUpItsId()
    {
        var verifier = Verifier(Secret);

        var forged = verifier.Verify(Body, "msg_1", Stamp(Now), Sign(OtherSecret, "msg_1", Now, Body));
        var genuine = verifier.Verify(Body, "msg_1", Stamp(Now), Sign(Secret, "msg_1", Now, Body));

        Assert.Equal(WebhookVerificationResult.InvalidSignature, forged);
        Assert.Equal(WebhookVerificationResult.Valid, genuine);
    }

    [Fact]
    public void ReplayWindow_IsBounded_ForgettingTheOldestFirst()
    {
        var options = new WebhookVerifierOptions { MaxRememberedIds = 3 };
        options.Secrets.Add(Secret);
        var verifier = new WebhookVerifier(options, time);
        foreach (var id in new[] { "msg_1", "msg_2", "msg_3", "msg_4" })
        {
            Assert.Equal(WebhookVerificationResult.Valid, verifier.Verify(Body, id, Stamp(Now), Sign(Secret, id, Now, Body)));
        }

        Assert.Equal(WebhookVerificationResult.Valid, verifier.Verify(Body, "msg_1", Stamp(Now), Sign(Secret, "msg_1", Now, Body)));
        Assert.Equal(WebhookVerificationResult.Replayed, verifier.Verify(Body, "msg_4", Stamp(Now), Sign(Secret, "msg_4", Now, Body)));
    }

    [Fact]
    public void RotationHeaderWithTwoSignatures_IsValidForAReceiverHoldingEitherSecret()
    {
        var header = Sign(OtherSecret, "msg_1", Now, Body) + " " + Sign(Secret, "msg_1", Now, Body);

        Assert.Equal(WebhookVerificationResult.Valid, Verifier(Secret).Verify(Body, "msg_1", Stamp(Now), header));
        Assert.Equal(WebhookVerificationResult.Valid, Verifier(OtherSecret).Verify(Body, "msg_1", Stamp(Now), header));
        Assert.Equal(WebhookVerificationResult.InvalidSignature, Verifier(NewSecret()).Verify(Body, "msg_1", Stamp(Now), header));
    }

    [Fact]
    public void ReceiverHoldingTwoSecrets_AcceptsCallsSignedWithEither()
    {
        var options = new WebhookVerifierOptions();
        options.Secrets.Add(Secret);
        options.Secrets.Add(OtherSecret);
        var verifier = new WebhookVerifier(options, time);

        Assert.Equal(WebhookVerificationResult.Valid, verifier.Verify(Body, "msg_1", Stamp(Now), Sign(Secret, "msg_1", Now, Body)));
        Assert.Equal(WebhookVerificationResult.Valid, verifier.Verify(Body, "msg_2", Stamp(Now), Sign(OtherSecret, "msg_2", Now, Body)));
    }

    [Fact]
    public void HeadersOfARequestMessage_AreRead()
    {
        using var request = new HttpRequestMessage();
        request.Headers.Add("webhook-id", "msg_1");
        request.Headers.Add("webhook-timestamp", Stamp(Now));
        request.Headers.Add("webhook-signature", Sign(Secret, "msg_1", Now, Body));

        Assert.Equal(WebhookVerificationResult.Valid, Verifier(Secret).Verify(Body, request.Headers));
        Assert.Equal(WebhookVerificationResult.MissingHeaders, Verifier(Secret).Verify(Body, new HttpRequestMessage().Headers));
    }

    [Fact]
    public void NoSecret_IsRefusedWhenTheVerifierIsMade()
    {
        Assert.Throws<ArgumentException>(() => new WebhookVerifier(new WebhookVerifierOptions()));
        Assert.Throws<ArgumentException>(() => new WebhookVerifier("whsec_%%%"));
    }

    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static string Stamp(long seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    // The signature as the Standard Webhooks specification defines it, written here independently of the library.
    private static string Sign(string secret, string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    private WebhookVerifier Verifier(string secret)
    {
        var options = new WebhookVerifierOptions();
        options.Secrets.Add(secret);
        return new WebhookVerifier(options, time);
    }
}
