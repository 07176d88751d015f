namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>BPE's merge table: a pair of ids to its rank (lower merges first) and the id of the merged token.</summary>
internal sealed class BpeMerges(Dictionary<long, (int Rank, int NewId)> merges)
{
    public bool TryGet(int left, int right, out int rank, out int newId)
    {
        if (merges.TryGetValue(Key(left, right), out var merge))
        {
            (rank, newId) = merge;
            return true;
        }

        (rank, newId) = (0, 0);
        return false;
    }

    public static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    /// <summary>
    /// Applies merges to the symbols until none applies, always the lowest rank first and, among equals, the leftmost
    /// (the Rust <c>Word::merge_all</c>): a priority queue of candidate pairs over a linked list of symbols.
    /// </summary>
    public void MergeAll(List<int> symbols)
    {
        var count = symbols.Count;
        if (count < 2)
        {
            return;
        }

        var ids = symbols.ToArray();
        var previous = new int[count];
        var next = new int[count];
        var alive = new bool[count];
        var queue = new PriorityQueue<(int Position, int NewId), long>(count);
        for (var i = 0; i < count; i++)
        {
            previous[i] = i - 1;
            next[i] = i + 1 < count ? i + 1 : -1;
            alive[i] = true;
            if (i + 1 < count && TryGet(ids[i], ids[i + 1], out var rank, out var newId))
            {
                queue.Enqueue((i, newId), Priority(rank, i));
            }
        }

        while (queue.TryDequeue(out var top, out _))
        {
            var position = top.Position;
            var right = next[position];
            if (!alive[position] || right < 0)
            {
                continue;
            }

            // A queue entry is stale when either symbol has changed since it was queued.
            if (!TryGet(ids[position], ids[right], out _, out var currentNewId) || currentNewId != top.NewId)
            {
                continue;
            }

            ids[position] = top.NewId;
            alive[right] = false;
            next[position] = next[right];
            if (next[right] >= 0)
            {
                previous[next[right]] = position;
            }

            var left = previous[position];
            if (left >= 0 && TryGet(ids[left], ids[position], out var leftRank, out var leftNewId))
            {
                queue.Enqueue((left, leftNewId), Priority(leftRank, left));
            }

            var after = next[position];
            if (after >= 0 && TryGet(ids[position], ids[after], out var rightRank, out var rightNewId))
            {
                queue.Enqueue((position, rightNewId), Priority(rightRank, position));
            }
        }

        symbols.Clear();
        for (var i = 0; i < count; i++)
        {
            if (alive[i])
            {
                symbols.Add(ids[i]);
            }
        }
    }

    private static long Priority(int rank, int position) => ((long)rank << 32) | (uint)position;
}
