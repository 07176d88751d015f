using Microsoft.ML.OnnxRuntime;

namespace Serverless.Inference.Generation;

/// <summary>
/// The past keys and values of a batch, one <see cref="OrtValue"/> per layer and kind, each
/// [batch, kv_heads, length, head_dim]. Rows are left-padded: a sequence's real positions are the rightmost.
/// The values are exactly what the model returned as <c>present.*</c>, so feeding them back costs no copy.
/// </summary>
internal sealed class KvCache(OrtValue[] values, int batch, int length) : IDisposable
{
    /// <summary>Layer-major: key of layer 0, value of layer 0, key of layer 1, ...</summary>
    public OrtValue[] Values { get; } = values;

    public int Batch { get; } = batch;

    public int Length { get; } = length;

    /// <summary>A cache with no positions yet, for a prefill.</summary>
    public static KvCache Empty(CausalLmSignature signature, int batch)
    {
        var values = new OrtValue[signature.Layers * 2];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, signature.KvType, [batch, signature.KvHeads, 0, signature.HeadDim]);
        }

        return new KvCache(values, batch, 0);
    }

    /// <summary>
    /// A new host cache holding the given rows in order, left-padded with zeros to the longest. This is the
    /// one place a cache is copied, and only when the batch's membership changes.
    /// </summary>
    public static KvCache Gather(CausalLmSignature signature, IReadOnlyList<KvRow> rows)
    {
        var length = rows.Max(r => r.Length);
        var heads = signature.KvHeads;
        var rowBytes = signature.HeadDim * signature.KvElementSize;
        var hosted = new Dictionary<KvCache, KvCache>(ReferenceEqualityComparer.Instance);
        var values = new OrtValue[signature.Layers * 2];
        try
        {
            foreach (var row in rows)
            {
                if (!hosted.ContainsKey(row.Source))
                {
                    hosted[row.Source] = row.Source.OnHost();
                }
            }

            for (var v = 0; v < values.Length; v++)
            {
                values[v] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, signature.KvType, [rows.Count, heads, length, signature.HeadDim]);
                var target = values[v].GetTensorMutableRawData();
                target.Clear();
                for (var r = 0; r < rows.Count; r++)
                {
                    var row = rows[r];
                    var source = hosted[row.Source];
                    var sourceData = source.Values[v].GetTensorMutableRawData();
                    for (var h = 0; h < heads; h++)
                    {
                        var from = ((((long)row.Row * heads) + h) * source.Length + (source.Length - row.Length)) * rowBytes;
                        var to = ((((long)r * heads) + h) * length + (length - row.Length)) * rowBytes;
                        sourceData.Slice((int)from, row.Length * rowBytes).CopyTo(target.Slice((int)to));
                    }
                }
            }

            return new KvCache(values, rows.Count, length);
        }
        catch
        {
            foreach (var value in values)
            {
                value?.Dispose();
            }

            throw;
        }
        finally
        {
            foreach (var (source, host) in hosted)
            {
                if (!ReferenceEquals(source, host))
                {
                    host.Dispose();
                }
            }
        }
    }

    public void Dispose()
    {
        foreach (var value in Values)
        {
            value.Dispose();
        }
    }

    /// <summary>This cache if it is in host memory, else a host copy (CUDA: the copy on a membership change).</summary>
    private KvCache OnHost()
    {
        if (Values[0].GetTensorMemoryInfo().GetDeviceType() == OrtMemoryInfoDeviceType.CPU)
        {
            return this;
        }

        var copies = new OrtValue[Values.Length];
        for (var i = 0; i < copies.Length; i++)
        {
            var info = Values[i].GetTensorTypeAndShape();
            copies[i] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, info.ElementDataType, info.Shape);
        }

        OrtEnv.Instance().CopyTensors(Values, copies, null);
        return new KvCache(copies, Batch, Length);
    }
}
