using System.Diagnostics;
using Attune.Learners;
using Attune.Plugins;
using Attune.Plugins.Testing;

namespace Attune.Strategies.Bench.Simulation;

/// <summary>
/// Strategies driven as the silo drives them (src/Silo/Learners/LearnerPipeline.cs): every strategy observes every
/// event with the state bytes it returned last (stored as a copy, as the grain stores them); a request is scored by the
/// host's baseline, then each strategy plans in order on the previous plan's steps; a plan that breaks a host rule
/// (<see cref="HostRules.PlanProblem"/>) is thrown away and that strategy skipped; with no plan left, the greedy planner packs.
/// </summary>
internal sealed class StrategyStackPolicy(string name, SyntheticCourse course, IReadOnlyList<ILearningStrategy> strategies) : ILearnerPolicy
{
    private readonly List<double> _planMilliseconds = [];
    private long _rejections;

    public string Name => name;

    public long Rejections => Interlocked.Read(ref _rejections);

    public IReadOnlyList<double> PlanMilliseconds
    {
        get
        {
            lock (_planMilliseconds)
            {
                return _planMilliseconds.ToList();
            }
        }
    }

    public ILearnerSession Start() => new Session(this);

    private sealed class Session(StrategyStackPolicy policy) : ILearnerSession
    {
        private readonly PluginState[] _states = new PluginState[policy.Strategies.Count];

        public LearningPlan PlanDay(LearnerHistory history, LearnerProfile profile, DateTimeOffset now, double remainingMinutes)
        {
            IReadOnlyList<ScoredCandidate> ranked = HostBaseline.Score(history, policy.Course.Items.Select(i => i.Candidate));
            LearningPlan? plan = null;
            for (var s = 0; s < policy.Strategies.Count; s++)
            {
                var context = new PlanningContext(history, profile, Copy(_states[s]), ranked, remainingMinutes, 10, now);
                var started = Stopwatch.GetTimestamp();
                var result = policy.Strategies[s].Plan(context);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (policy._planMilliseconds)
                {
                    policy._planMilliseconds.Add(elapsed);
                }
                if (HostRules.PlanProblem(result, context) is not null)
                {
                    Interlocked.Increment(ref policy._rejections);
                    continue;
                }
                plan = result;
                ranked = result.Steps.Select(step => new ScoredCandidate(step.Candidate, step.Score, step.Reason)).ToList();
            }
            return plan ?? HostBaseline.Greedy(ranked, remainingMinutes, 10);
        }

        public void Observe(LearningEvent e, LearnerHistory history)
        {
            for (var s = 0; s < _states.Length; s++)
            {
                _states[s] = Copy(policy.Strategies[s].Observe(new ObservationContext(e, history, Copy(_states[s]), e.Timestamp)));
            }
        }

        private static PluginState Copy(PluginState state) => new(state.Version, state.Data.ToArray());
    }

    private SyntheticCourse Course => course;

    private IReadOnlyList<ILearningStrategy> Strategies => strategies;
}
