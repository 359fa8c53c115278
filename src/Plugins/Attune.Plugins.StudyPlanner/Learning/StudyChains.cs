namespace Attune.Plugins.StudyPlanner.Learning;

/// <summary>
/// A tenant's journal as the fitter reads it: for each learner and skill, the sequence of study sessions on that skill
/// (which item, days since the skill's previous session or answer) with the answers given in each, built by the same
/// rules as <see cref="StudyTracer.Observe"/>.
/// </summary>
internal sealed class StudyChains
{
    private readonly Dictionary<string, int> _itemIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _keyIndex = new(StringComparer.Ordinal);

    public List<string> Items { get; } = [];

    public List<string> Keys { get; } = [];

    /// <summary>Every chain; a learner has one per key they met.</summary>
    public List<Chain> All { get; } = [];

    public int Learners { get; private set; }

    public int Answers { get; private set; }

    public int Sessions { get; private set; }

    /// <summary>Which learners studied each item (by item index).</summary>
    public List<HashSet<int>> ItemLearners { get; } = [];

    /// <summary>Builds the chains from events (any order; each learner's are sorted by time, stably).</summary>
    public static StudyChains Build(IEnumerable<LearningEvent> events, Func<LearningEvent, IReadOnlyList<SkillId>> skillsOf, StudyTracer tracer, CancellationToken cancellationToken)
    {
        var chains = new StudyChains();
        foreach (var learner in events.GroupBy(e => e.Learner).OrderBy(g => g.Key.Value, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var learnerIndex = chains.Learners++;
            var items = new Dictionary<string, Learners.ItemSessions>(StringComparer.Ordinal);
            var open = new Dictionary<string, Chain>(StringComparer.Ordinal);
            var lastTicks = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var e in learner.OrderBy(e => e.Timestamp))
            {
                var item = e.Item.Value;
                var ticks = e.Timestamp.UtcTicks;
                items.TryGetValue(item, out var seen);
                var opens = tracer.OpensSession(seen, ticks);
                items[item] = new Learners.ItemSessions(seen.Sessions + (opens ? 1 : 0), Math.Max(seen.LastTicks, ticks));
                var itemIndex = chains.IndexOfItem(item);
                chains.ItemLearners[itemIndex].Add(learnerIndex);
                foreach (var key in StudyTracer.KeysOf(item, skillsOf(e)))
                {
                    if (!open.TryGetValue(key, out var chain))
                    {
                        open[key] = chain = new Chain(chains.IndexOfKey(key), learnerIndex);
                        chains.All.Add(chain);
                    }
                    var days = lastTicks.TryGetValue(key, out var last) ? StudyTracer.Days(ticks - last) : 0;
                    if (opens || chain.Steps.Count == 0)
                    {
                        chain.Steps.Add(new Step(itemIndex, chain.Steps.Count == 0 ? 0 : days, ticks));
                        chains.Sessions++;
                    }
                    if (e.Score is { } score)
                    {
                        chain.Steps[^1].Answers.Add(score);
                        chains.Answers++;
                    }
                    lastTicks[key] = Math.Max(last, ticks);
                }
            }
        }
        return chains;
    }

    private int IndexOfItem(string item)
    {
        if (!_itemIndex.TryGetValue(item, out var index))
        {
            _itemIndex[item] = index = Items.Count;
            Items.Add(item);
            ItemLearners.Add([]);
        }
        return index;
    }

    private int IndexOfKey(string key)
    {
        if (!_keyIndex.TryGetValue(key, out var index))
        {
            _keyIndex[key] = index = Keys.Count;
            Keys.Add(key);
        }
        return index;
    }

    /// <summary>One learner's sessions on one skill.</summary>
    public sealed class Chain(int key, int learner)
    {
        public int Key { get; } = key;

        public int Learner { get; } = learner;

        public List<Step> Steps { get; } = [];
    }

    /// <summary>One session: the item, the days since the skill's previous session or answer, when, and its answers.</summary>
    public sealed class Step(int item, double days, long ticks)
    {
        public int Item { get; } = item;

        public double Days { get; } = days;

        public long Ticks { get; } = ticks;

        public List<double> Answers { get; } = [];

        /// <summary>After a fit: P(the skill was unknown just before this session's learning step).</summary>
        public double PreUnknown { get; set; }

        /// <summary>After a fit: P(unknown before and known after this session's learning step).</summary>
        public double Learned { get; set; }

        /// <summary>After a fit: P(known) filtered on everything up to and including this step.</summary>
        public double Filtered { get; set; }
    }
}
