namespace Attune.Plugins.StudyPlanner.Learning;

/// <summary>
/// What the study planner knows of a tenant's courses: knowledge-tracing parameters per skill, a learning rate per item
/// (what one session of it did for learners, the core of "what works is learned"), per kind for items with little data,
/// and prerequisites between skills inferred where the course states none. Before the first fit it is the settings.
/// </summary>
public sealed class LearningModel
{
    public LearningModel(
        SkillParameters defaultSkill,
        double defaultLearn,
        IReadOnlyDictionary<string, SkillParameters> skills,
        IReadOnlyDictionary<string, ItemEffect> items,
        IReadOnlyDictionary<string, double> kinds,
        IReadOnlyList<InferredPrerequisite> inferred)
    {
        DefaultSkill = defaultSkill;
        DefaultLearn = defaultLearn;
        Skills = skills;
        Items = items;
        Kinds = kinds;
        Inferred = inferred;
    }

    /// <summary>Parameters of a skill the fit did not see.</summary>
    public SkillParameters DefaultSkill { get; }

    /// <summary>P(T) of an item whose kind the fit did not see either.</summary>
    public double DefaultLearn { get; }

    /// <summary>Fitted parameters per skill key.</summary>
    public IReadOnlyDictionary<string, SkillParameters> Skills { get; }

    /// <summary>Fitted learning rate per item id.</summary>
    public IReadOnlyDictionary<string, ItemEffect> Items { get; }

    /// <summary>Learning rate per item kind (lower-case), pooled over the kind's items.</summary>
    public IReadOnlyDictionary<string, double> Kinds { get; }

    /// <summary>Prerequisites found in the journal.</summary>
    public IReadOnlyList<InferredPrerequisite> Inferred { get; }

    /// <summary>Whether this came from a fit rather than the settings.</summary>
    public bool IsFitted => Skills.Count > 0 || Items.Count > 0;

    public static LearningModel FromOptions(StudyPlannerOptions options) => new(
        new SkillParameters(options.Prior, options.Guess, options.Slip, options.ForgetPerDay),
        options.Learn,
        new Dictionary<string, SkillParameters>(),
        new Dictionary<string, ItemEffect>(),
        options.KindLearnRates().ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value),
        []);

    public SkillParameters SkillFor(string key) => Skills.TryGetValue(key, out var p) ? p : DefaultSkill;

    /// <summary>
    /// Whether a session of the item brings answers (evidence of what the learner knows): as the journal showed, else as
    /// its completion rule implies (a grade or a pass mark), else by whether the LMS calls it a quiz, test or exam.
    /// </summary>
    public bool Answers(Candidate c) =>
        Items.TryGetValue(c.Item.Value, out var e) && e.Learners >= 3 ? e.AnswersPerSession >= 0.5
        : c.Completion is { Kind: CompletionKind.Grade or CompletionKind.Pass }
          || (c.Kind is { } kind && (kind.Contains("quiz", StringComparison.OrdinalIgnoreCase) || kind.Contains("test", StringComparison.OrdinalIgnoreCase)
              || kind.Contains("exam", StringComparison.OrdinalIgnoreCase) || kind.Contains("drill", StringComparison.OrdinalIgnoreCase)
              || kind.Contains("exercise", StringComparison.OrdinalIgnoreCase) || kind.Contains("assess", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The length of a session <see cref="DefaultLearn"/> is for, when nothing else is known.</summary>
    public const double ReferenceMinutes = 15;

    /// <summary>
    /// P(T) of one session of <paramref name="item"/>: fitted for the item, else for its kind, else the default scaled to
    /// the item's length (1 − (1 − T)^(minutes / 15): with nothing known, every minute is taken to teach alike).
    /// </summary>
    public double LearnFor(string item, string? kind, double? minutes = null) =>
        Items.TryGetValue(item, out var e) ? e.Learn
        : kind is not null && Kinds.TryGetValue(kind.ToLowerInvariant(), out var k) ? k
        : minutes is > 0 and var m ? 1 - Math.Pow(1 - DefaultLearn, m / ReferenceMinutes)
        : DefaultLearn;
}
