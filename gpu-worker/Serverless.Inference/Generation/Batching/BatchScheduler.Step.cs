namespace Serverless.Inference.Generation.Batching;

internal sealed partial class BatchScheduler
{
    private void Step()
    {
        DropAbandoned();
        Admit();
        if (active.Count == 0)
        {
            batchCache?.Dispose();
            batchCache = null;
            return;
        }

        if (membershipChanged || batchCache is null)
        {
            Repack();
        }

        Decode();
    }

    private void DropAbandoned()
    {
        for (var i = active.Count - 1; i >= 0; i--)
        {
            if (active[i].IsAbandoned)
            {
                active[i].Cancel();
                DisposeOwnCache(active[i]);
                active.RemoveAt(i);
                membershipChanged = true;
            }
        }
    }

    /// <summary>
    /// Lines up the requests that arrived since the last step by priority, then prefills them, highest priority first,
    /// while there is room; one that finishes in its first token never joins.
    /// </summary>
    private void Admit()
    {
        while (incoming.Reader.TryRead(out var arrived))
        {
            waiting.Add(arrived);
        }

        while (active.Count < maxBatchSize && waiting.TryTake(out var sequence))
        {
            Interlocked.Decrement(ref waitingCount);
            if (sequence.IsAbandoned)
            {
                sequence.Cancel();
                continue;
            }

            ForwardResult prefill;
            var prompt = sequence.Request.PromptTokens;
            try
            {
                var ids = new long[prompt.Count];
                for (var i = 0; i < ids.Length; i++)
                {
                    ids[i] = prompt[i];
                }

                using var empty = KvCache.Empty(model.Signature, 1);
                prefill = model.Forward(ids, 1, ids.Length, Ones(ids.Length), empty);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.PrefillFailed(logger, e, modelId, prompt.Count);
                sequence.Fail(e);
                continue;
            }

            bool finished;
            try
            {
                finished = sequence.Accept(sequence.Sample(prefill.Row(0)));
            }
            catch
            {
                prefill.Present.Dispose();
                throw;
            }
            finally
            {
                prefill.Dispose();
            }

            if (finished)
            {
                prefill.Present.Dispose();
                continue;
            }

            sequence.Cache = new KvRow(prefill.Present, 0, prompt.Count);
            active.Add(sequence);
            membershipChanged = true;
        }
    }

    /// <summary>Rebuilds the batch cache for the current members, each left-padded to the longest.</summary>
    private void Repack()
    {
        var rows = active.Select(s => s.Cache).ToArray();
        var packed = KvCache.Gather(model.Signature, rows);
        foreach (var sequence in active)
        {
            DisposeOwnCache(sequence);
        }

        batchCache?.Dispose();
        batchCache = packed;
        for (var r = 0; r < active.Count; r++)
        {
            active[r].Cache = new KvRow(packed, r, active[r].Cache.Length);
        }

        membershipChanged = false;
    }

    /// <summary>One forward pass: one new token for every active sequence.</summary>
    private void Decode()
    {
        var cache = batchCache!;
        var batch = active.Count;
        var total = cache.Length + 1;
        var ids = new long[batch];
        var mask = new long[batch * total];
        for (var r = 0; r < batch; r++)
        {
            ids[r] = active[r].NextInput;
            mask.AsSpan((r * total) + (cache.Length - active[r].Cache.Length), active[r].Cache.Length + 1).Fill(1);
        }

        using var result = model.Forward(ids, batch, 1, mask, cache);
        cache.Dispose();
        batchCache = result.Present;

        // Sampling scans the whole vocabulary per row; rows are independent (each has its own sampler and
        // random generator), so they are drawn in parallel while the model's threads are idle.
        var tokens = new int[batch];
        if (batch == 1)
        {
            tokens[0] = active[0].Sample(result.Row(0));
        }
        else
        {
            Parallel.For(0, batch, r => tokens[r] = active[r].Sample(result.Row(r)));
        }

        for (var r = batch - 1; r >= 0; r--)
        {
            var sequence = active[r];
            sequence.Cache = new KvRow(result.Present, r, sequence.Cache.Length + 1);
            if (sequence.Accept(tokens[r]))
            {
                active.RemoveAt(r);
                membershipChanged = true;
            }
        }
    }

    private static long[] Ones(int length)
    {
        var ones = new long[length];
        Array.Fill(ones, 1L);
        return ones;
    }
}
