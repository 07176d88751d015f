using Serverless.Api.Storage;

namespace Serverless.Api.Tests.Storage;

public sealed class StorageCallCounterTests
{
    [Theory]
    [InlineData("/devstoreaccount1/keys(PartitionKey='a',RowKey='b')", "keys")]
    [InlineData("/keys(PartitionKey='a',RowKey='b')", "keys")]
    [InlineData("/devstoreaccount1/counters()", "counters")]
    [InlineData("/usage", "usage")]
    [InlineData("/devstoreaccount1/Tables", "Tables")]
    [InlineData("/Tables('keys')", "Tables")]
    [InlineData("/devstoreaccount1/$batch", "$batch")]
    public void TableOf_NamesTheTableTheUrlAddresses(string path, string table) =>
        Assert.Equal(table, StorageCallCounter.TableOf(path));
}
