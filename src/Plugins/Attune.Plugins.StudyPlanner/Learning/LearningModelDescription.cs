using System.Globalization;

namespace Attune.Plugins.StudyPlanner.Learning;

/// <summary>A fitted <see cref="LearningModel"/> in words for admins: inferred prerequisites first (marked as inferred, with their evidence), then what each activity and kind taught.</summary>
internal static class LearningModelDescription
{
    public static ModelDescription Describe(LearningModel model)
    {
        var findings = new List<ModelFinding>();
        foreach (var e in model.Inferred)
        {
            findings.Add(new ModelFinding("inferred-prerequisite", $"{e.Skill} requires {e.Requires}",
                Invariant($"Inferred from the journal, not stated by the course: sessions on {e.Skill} taught {e.LearnWhenKnown:P0} of learners who knew {e.Requires} then, and {e.LearnWhenUnknown:P0} of those who did not (about {e.SessionsKnown:0} and {e.SessionsUnknown:0} sessions)."))
            {
                Values = new Dictionary<string, double>
                {
                    ["learnWhenKnown"] = e.LearnWhenKnown,
                    ["learnWhenUnknown"] = e.LearnWhenUnknown,
                    ["sessionsKnown"] = e.SessionsKnown,
                    ["sessionsUnknown"] = e.SessionsUnknown,
                },
            });
        }
        foreach (var (item, effect) in model.Items.OrderByDescending(p => p.Value.Learn).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            findings.Add(new ModelFinding("item-effect", item,
                Invariant($"One session teaches {effect.Learn:P0} of learners who do not know its skills yet, from about {effect.Evidence:0} such sessions by {effect.Learners} learners.")
                + (effect.Evidence < 10 ? " Little data: mostly what items of its kind did." : ""))
            {
                Values = new Dictionary<string, double> { ["learn"] = effect.Learn, ["sessions"] = effect.Evidence, ["learners"] = effect.Learners },
            });
        }
        foreach (var (kind, learn) in model.Kinds.OrderByDescending(p => p.Value))
        {
            findings.Add(new ModelFinding("kind-effect", kind, Invariant($"Items of kind {kind} taught {learn:P0} per session on average."))
            {
                Values = new Dictionary<string, double> { ["learn"] = learn },
            });
        }
        var summary = Invariant($"Knowledge tracing of {model.Skills.Count} skills with a learning rate for each of {model.Items.Count} items, fitted from the journal; ")
            + (model.Inferred.Count == 0 ? "no prerequisite inferred." : Invariant($"{model.Inferred.Count} prerequisites inferred where the course states none."));
        return new ModelDescription(summary, findings);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
