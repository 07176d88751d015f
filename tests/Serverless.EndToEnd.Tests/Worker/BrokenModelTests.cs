using System.Net;
using System.Text;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Worker;

/// <summary>A catalog with broken models: the worker says which file and why, and serves the models that did load.</summary>
public sealed class BrokenModelTests : IDisposable
{
    private readonly string models = Directory.CreateTempSubdirectory("serverless-models-").FullName;

    [Fact]
    public async Task BrokenModels_AreReportedByFile_AndTheGoodOneServes()
    {
        CopyFolder(Path.Combine(RepositoryPaths.Models, "gpt2-tiny"), Path.Combine(models, "gpt2-tiny"));
        var corrupt = Directory.CreateDirectory(Path.Combine(models, "corrupt-onnx")).FullName;
        File.WriteAllText(Path.Combine(corrupt, "model.json"), File.ReadAllText(Path.Combine(models, "gpt2-tiny", "model.json")).Replace("\"gpt2-tiny\"", "\"corrupt-onnx\"", StringComparison.Ordinal));
        File.WriteAllBytes(Path.Combine(corrupt, "model.onnx"), Encoding.ASCII.GetBytes("this is not a protobuf"));
        var badJson = Directory.CreateDirectory(Path.Combine(models, "bad-json")).FullName;
        File.WriteAllText(Path.Combine(badJson, "model.json"), "{ \"id\": ");

        var workerKey = ApiSecrets.NewWorkerKey();
        await using var worker = await ServiceProcess.StartWorkerAsync(workerKey, models, "--Serve:BuildDefaultModels", "false");
        using var http = new HttpClient { BaseAddress = worker.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", workerKey) } };
        var ready = await http.GetStringAsync("readyz");
        using var completion = await http.PostAsync("v1/completions", new StringContent("""{"model":"gpt2-tiny","prompt":"hi","max_tokens":2}""", Encoding.UTF8, "application/json"));
        using var missing = await http.PostAsync("v1/completions", new StringContent("""{"model":"corrupt-onnx","prompt":"hi"}""", Encoding.UTF8, "application/json"));

        Assert.Contains("corrupt-onnx", ready, StringComparison.Ordinal);
        Assert.Contains("model.onnx", ready, StringComparison.Ordinal);
        Assert.Contains("bad-json", ready, StringComparison.Ordinal);
        Assert.Contains("model.json", ready, StringComparison.Ordinal);
        Assert.Contains("corrupt-onnx", worker.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, completion.StatusCode);
        await ErrorAssertions.AssertOpenAIErrorAsync(missing, HttpStatusCode.NotFound, "model");
    }

    public void Dispose() => Directory.Delete(models, recursive: true);

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
