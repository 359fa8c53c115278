namespace Attune.Plugins.StudyPlanner.Learning;

/// <summary>What one session of an item does for a learner who does not know its skills yet, as fitted.</summary>
/// <param name="Learn">P(T): the probability that one session teaches an unknown skill of the item.</param>
/// <param name="Evidence">Sessions of learners not yet knowing the item's skills that the estimate rests on (expected count).</param>
/// <param name="Learners">Distinct learners who studied the item.</param>
/// <param name="AnswersPerSession">Scored answers a session of it brings on average: what it tells of a learner, besides what it teaches.</param>
public sealed record ItemEffect(double Learn, double Evidence, int Learners, double AnswersPerSession = 0);
