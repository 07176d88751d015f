using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Jobs;

/// <summary>
/// Each key's webhooks are signed with a secret of its own, so no tenant can forge another's: issued with the key,
/// rotated through the admin API with both secrets signing until the previous one is dropped, and the deployment's
/// legacy secret only for keys made before (until their first rotation).
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class WebhookSecretTests(LocalStackFixture stack)
{
    private static readonly TimeSpan Done = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ATenantsWebhook_IsSignedWithItsKeysSecret_WhichNoOtherTenantsSecretVerifies()
    {
        using var receiver = new WebhookReceiver();
        var (_, keyA, webhookSecretA) = await stack.CreateKeyWithWebhookSecretAsync("""{"name":"webhooks-a","owner":"webhooks-tenant-a"}""");
        var (_, keyB, webhookSecretB) = await stack.CreateKeyWithWebhookSecretAsync("""{"name":"webhooks-b","owner":"webhooks-tenant-b"}""");

        var callA = await CallOfANewJobAsync(receiver, keyA);
        var callB = await CallOfANewJobAsync(receiver, keyB);

        Assert.NotEqual(webhookSecretA, webhookSecretB);
        Assert.True(WebhookReceiver.IsSignedWith(callB, webhookSecretB), $"bad signature: {callB.Signature}");
        Assert.False(WebhookReceiver.IsSignedWith(callB, webhookSecretA)); // A cannot check, so cannot forge, B's webhooks
        Assert.False(WebhookReceiver.IsSignedWith(callB, stack.Secrets.WebhookSigningSecret));
        Assert.Single(callB.Signature.Split(' '));
        Assert.True(WebhookReceiver.IsSignedWith(callA, webhookSecretA));
        Assert.False(WebhookReceiver.IsSignedWith(callA, webhookSecretB));
    }

    [Fact]
    public async Task RotatedWebhookSecret_SignsAlongsideThePreviousOne_UntilThePreviousIsDropped()
    {
        using var receiver = new WebhookReceiver();
        using var admin = stack.CreateAdminClient();
        var (id, key, first) = await stack.CreateKeyWithWebhookSecretAsync("""{"name":"webhooks-rotate","owner":"webhooks-rotate"}""");

        using var rotate = await admin.SendAsync(HttpMethod.Post, $"v1/admin/keys/{id}/webhook_secret/rotate", """{"grace_period_seconds":3600}""");
        using var rotated = JsonDocument.Parse(await rotate.Content.ReadAsStringAsync());
        var second = rotated.RootElement.GetProperty("webhook_secret").GetString()!;
        stack.RememberSecret(second);
        var duringRotation = await CallOfANewJobAsync(receiver, key);
        using var drop = await admin.SendAsync(HttpMethod.Delete, $"v1/admin/keys/{id}/webhook_secret/previous");
        var afterDrop = await CallOfANewJobAsync(receiver, key);

        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        Assert.StartsWith("whsec_", second, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.False(rotated.RootElement.TryGetProperty("key", out _)); // the API key's own secret is not reissued
        Assert.InRange(
            rotated.RootElement.GetProperty("webhook_secret_previous_expires_at").GetInt64() - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 3500, 3600);
        Assert.Equal(2, duringRotation.Signature.Split(' ').Length);
        Assert.True(WebhookReceiver.IsSignedWith(duringRotation, second));
        Assert.True(WebhookReceiver.IsSignedWith(duringRotation, first));
        Assert.Equal(HttpStatusCode.OK, drop.StatusCode);
        Assert.True(WebhookReceiver.IsSignedWith(afterDrop, second));
        Assert.False(WebhookReceiver.IsSignedWith(afterDrop, first));
    }

    [Fact]
    public async Task KeyMadeBeforePerKeySecrets_IsSignedWithTheLegacySecret_UntilItsFirstRotation()
    {
        using var receiver = new WebhookReceiver();
        using var admin = stack.CreateAdminClient();
        var (id, key, _) = await stack.CreateKeyWithWebhookSecretAsync("""{"name":"webhooks-legacy","owner":"webhooks-legacy"}""");

        // A key from before per-key secrets has no row of them.
        var table = new TableServiceClient(stack.Storage.ConnectionString).GetTableClient("webhooksecrets");
        await table.DeleteEntityAsync(id, string.Empty);
        var legacyCall = await CallOfANewJobAsync(receiver, key);
        using var dropNothing = await admin.SendAsync(HttpMethod.Delete, $"v1/admin/keys/{id}/webhook_secret/previous");
        using var rotate = await admin.SendAsync(HttpMethod.Post, $"v1/admin/keys/{id}/webhook_secret/rotate");
        using var rotated = JsonDocument.Parse(await rotate.Content.ReadAsStringAsync());
        var own = rotated.RootElement.GetProperty("webhook_secret").GetString()!;
        stack.RememberSecret(own);
        var migratingCall = await CallOfANewJobAsync(receiver, key);

        Assert.True(WebhookReceiver.IsSignedWith(legacyCall, stack.Secrets.WebhookSigningSecret));
        await ErrorAssertions.AssertOpenAIErrorAsync(dropNothing, HttpStatusCode.NotFound, "id");
        Assert.True(WebhookReceiver.IsSignedWith(migratingCall, own));
        Assert.True(WebhookReceiver.IsSignedWith(migratingCall, stack.Secrets.WebhookSigningSecret)); // receivers switch over within the grace period
    }

    [Fact]
    public async Task RotatingTheWebhookSecretOfAKeyThatDoesNotExist_Is404()
    {
        using var admin = stack.CreateAdminClient();

        using var response = await admin.SendAsync(HttpMethod.Post, "v1/admin/keys/key_000000000000000000000000/webhook_secret/rotate");

        await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.NotFound, "id");
    }

    private async Task<WebhookCall> CallOfANewJobAsync(WebhookReceiver receiver, string key)
    {
        using var http = stack.CreateHttpClient(key: key);
        var id = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", $$"""{"model":"gpt2-tiny","prompt":"Sign me","max_tokens":2,"webhook":"{{receiver.Url}}"}"""))
            .GetProperty("id").GetString()!;
        return Assert.Single(await receiver.WaitForCallsAsync(id, 1, Done));
    }
}
