using System.Text.Json;
using Serverless.Api.Usage;

namespace Serverless.Api.Tests.Usage;

public sealed class UsageReportTests
{
    private static readonly DateOnly March3 = new(2023, 3, 3);
    private static readonly DateOnly March2 = new(2023, 3, 2);

    private static readonly DailyUsage[] Rows =
    [
        new(March3, "gpt-4", 25_000, 38_000, 420, 1000, 12.6m),
        new(March2, "gpt-4", 18_000, 28_500, 380, 900, 9.3m),
        new(March3, "gpt-3.5", 100, 50, 2, 10, 0.0003m, Cached: 1),
    ];

    [Fact]
    public void ByModel_IsOneRowPerModelPerDay_OldestFirst_WithTheTotal()
    {
        var list = UsageReport.Build(Rows, UsageGrouping.Model);

        Assert.Equal(
            [
                new UsageRow(1677715200, "gpt-4", 18_000, 28_500, 46_500, 380, 9.3m, 0, 0, 0),
                new UsageRow(1677801600, "gpt-3.5", 100, 50, 150, 2, 0.0003m, 0, 0, 1),
                new UsageRow(1677801600, "gpt-4", 25_000, 38_000, 63_000, 420, 12.6m, 0, 0, 0),
            ],
            list.Data);
        Assert.Equal(new UsageTotal(43_100, 66_550, 109_650, 802, 21.9003m, 0, 0, 1), list.Total);
    }

    [Fact]
    public void ByDay_SumsEveryModelOfADay_WithNoModel()
    {
        var list = UsageReport.Build(Rows, UsageGrouping.Day);

        Assert.Equal(
            [
                new UsageRow(1677715200, null, 18_000, 28_500, 46_500, 380, 9.3m, 0, 0, 0),
                new UsageRow(1677801600, null, 25_100, 38_050, 63_150, 422, 12.6003m, 0, 0, 1),
            ],
            list.Data);
        Assert.Equal(802, list.Total.Requests);
    }

    [Fact]
    public void Nothing_IsAnEmptyListWithZeroTotals()
    {
        var list = UsageReport.Build([], UsageGrouping.Model);

        Assert.Empty(list.Data);
        Assert.Equal(new UsageTotal(0, 0, 0, 0, 0m, 0, 0, 0), list.Total);
    }

    [Fact]
    public void Json_IsTheSeedsShape_FieldForField()
    {
        var list = UsageReport.Build(Rows.Take(2), UsageGrouping.Model);

        var json = JsonSerializer.Serialize(list, UsageJsonContext.Default.UsageList);

        Assert.Equal(
            """{"object":"list","data":[{"timestamp":1677715200,"model":"gpt-4","prompt_tokens":18000,"completion_tokens":28500,"total_tokens":46500,"requests":380,"cost":9.3,"errors":0,"rate_limited":0,"cached":0},"""
            + """{"timestamp":1677801600,"model":"gpt-4","prompt_tokens":25000,"completion_tokens":38000,"total_tokens":63000,"requests":420,"cost":12.6,"errors":0,"rate_limited":0,"cached":0}],"total":"""
            + """{"prompt_tokens":43000,"completion_tokens":66500,"total_tokens":109500,"requests":800,"cost":21.9,"errors":0,"rate_limited":0,"cached":0}}""",
            json);
    }

    [Fact]
    public void Json_ByDay_WritesModelAsNull() =>
        Assert.Contains("\"model\":null", JsonSerializer.Serialize(UsageReport.Build(Rows, UsageGrouping.Day), UsageJsonContext.Default.UsageList), StringComparison.Ordinal);
}
