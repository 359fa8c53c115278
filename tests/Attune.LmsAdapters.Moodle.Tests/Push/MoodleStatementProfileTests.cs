using System.Text.Json.Nodes;
using Attune.LmsAdapters.Xapi;

namespace Attune.LmsAdapters.Moodle.Tests;

/// <summary>logstore_xapi statements of the real Moodle 4.5.6 site keyed by the Moodle fact, as the pull keys it.</summary>
public sealed class MoodleStatementProfileTests
{
    [Fact]
    public void AResentStatementWithAnotherRegistrationIsTheSameFact()
    {
        var statement = Statement("\\core\\event\\course_module_completion_updated", "7");
        var resent = statement.DeepClone();
        resent["context"]!["registration"] = Guid.NewGuid().ToString();

        var first = Map(statement);
        var again = Map(resent);

        Assert.Equal(first.Event!.Id, again.Event!.Id);
        Assert.Equal(first.StatementId, again.StatementId);
    }

    [Fact]
    public void StatementsAndPulledRecordsOfOneFactShareTheirKey()
    {
        var completion = Map(Statement("\\core\\event\\course_module_completion_updated", "7")).Event!;
        var submission = Map(Statement("\\mod_assign\\event\\assessable_submitted", "10")).Event!;
        var grade = Map(Statement("\\mod_assign\\event\\submission_graded", "10")).Event!;
        var attempt = Map(Statement("\\mod_quiz\\event\\attempt_submitted", "9", "attempt=")).Event!;

        // What MoodleEventMapper gives the same facts from core_completion_…, mod_assign_get_submissions, the grade report and the attempts.
        Assert.Equal(MoodleEventIds.Completion(7, "3", 1796283171), completion.Id);
        Assert.Equal(MoodleEventIds.Submission(10, "3", 1796283197), submission.Id);
        Assert.Equal(MoodleEventIds.Grade(10, "3", 1796283197), grade.Id);
        Assert.Equal(MoodleEventIds.QuizAttemptFinished(1, "3"), attempt.Id);
        Assert.Equal(EventKind.Submitted, attempt.Kind);
        Assert.All([completion, submission, grade, attempt], e => Assert.Equal("moodle:127.0.0.1:44331", e.Source));
        Assert.All([completion, submission, grade, attempt], e => Assert.Equal("4", e.Course?.Value));
    }

    [Fact]
    public void AnMboxActorIsTheLearnerTheIdentityMapNames()
    {
        var statement = Statement("\\core\\event\\course_module_completion_updated", "7");
        var actor = statement["actor"]!.AsObject();
        actor.Remove("account");
        actor["mbox"] = "mailto:Alice@Students.Example.edu";

        Assert.Equal("mailto:Alice@Students.Example.edu", Map(statement).Event!.Learner.Value);
        Assert.Equal("3", Map(statement, new Identities()).Event!.Learner.Value);
        Assert.Equal(MoodleEventIds.Completion(7, "3", 1796283171), Map(statement, new Identities()).Event!.Id);
    }

    [Fact]
    public void EveryStatementJournaledWithoutTheProfileIsReKeyedToWhatTheProfileMapsItTo()
    {
        var all = JsonNode.Parse(LmsFixtures.Read("moodle-4.5-logstore-real/clean_run_statements.json"))!.AsArray().ToJsonString();
        var generic = new XapiStatementMapper(new XapiMappingOptions { Source = "xapi" }).MapBatch(all);
        var placed = new XapiStatementMapper(new XapiMappingOptions
        {
            Source = "xapi",
            ProfileFor = s => MoodleStatementProfile.For(s, LmsIdentityLookup.None),
        }).MapBatch(all);
        var profile = new MoodleStatementProfile(LmsSite.Of("moodle", new Uri("http://127.0.0.1:44331")), LmsIdentityLookup.None);

        var events = generic.Statements.Where(s => s.Event is not null).ToList();
        Assert.Equal(73, events.Count); // the clean run's learning events (MoodleOneFactOneEventTests counts them by hand)
        Assert.Contains(events, s => s.Event!.Course?.Value == "http://127.0.0.1:44331/course/view.php?id=4");
        foreach (var statement in events)
        {
            var expected = placed.Statements[statement.Index].Event!;
            var rekeyed = profile.Rekey(statement.Event!);
            Assert.NotNull(rekeyed);
            Assert.Equal(
                (expected.Id, expected.Source, expected.Learner, expected.Item, expected.Course, expected.Kind, expected.Timestamp, expected.Score),
                (rekeyed.Id, rekeyed.Source, rekeyed.Learner, rekeyed.Item, rekeyed.Course, rekeyed.Kind, rekeyed.Timestamp, rekeyed.Score));
        }
    }

    [Fact]
    public void AGenericEventOfAnotherSiteIsNotReKeyed()
    {
        var statement = Statement("\\core\\event\\course_module_completion_updated", "7");
        var generic = new XapiStatementMapper(new XapiMappingOptions { Source = "xapi" }).MapBatch($"[{statement.ToJsonString()}]").Statements[0].Event!;
        var elsewhere = new MoodleStatementProfile(LmsSite.Of("moodle", new Uri("http://127.0.0.1:44332")), LmsIdentityLookup.None);

        Assert.Null(elsewhere.Rekey(generic));
    }

    [Fact]
    public void AStatementWithoutItsPlatformNamesTheSiteOfItsAccountOrItsObject()
    {
        var statement = Statement("\\core\\event\\course_module_completion_updated", "7");
        statement["context"]!.AsObject().Remove("platform");
        var parsed = XapiStatementParser.Parse($"[{statement.ToJsonString()}]").Statements[0].Statement!;
        var site = new MoodleStatementProfile(LmsSite.Of("moodle", new Uri("http://127.0.0.1:44331/")), LmsIdentityLookup.None);
        var other = new MoodleStatementProfile(LmsSite.Of("moodle", new Uri("http://moodle.example.edu")), LmsIdentityLookup.None);

        Assert.Null(MoodleStatementProfile.For(parsed, LmsIdentityLookup.None)); // nothing says it is Moodle's
        Assert.True(site.Names(parsed));
        Assert.False(other.Names(parsed));
        var actor = statement["actor"]!.AsObject();
        actor.Remove("account");
        actor["mbox"] = "mailto:alice@students.example.edu";
        var byObject = XapiStatementParser.Parse($"[{statement.ToJsonString()}]").Statements[0].Statement!;
        Assert.True(site.Names(byObject));
        Assert.False(other.Names(byObject));
    }

    private static XapiStatementMapping Map(JsonNode statement, ILmsIdentityLookup? identities = null)
    {
        var mapper = new XapiStatementMapper(new XapiMappingOptions
        {
            Source = "xapi",
            ProfileFor = s => MoodleStatementProfile.For(s, identities ?? LmsIdentityLookup.None),
        });
        var batch = mapper.MapBatch($"[{statement.ToJsonString()}]");
        Assert.True(batch.IsValid, string.Join("; ", batch.Errors));
        return Assert.Single(batch.Statements);
    }

    /// <summary>Alice's (user 3) statement of the given Moodle event on the given module, from the clean run.</summary>
    private static JsonNode Statement(string eventName, string cmId, string objectPart = "")
    {
        var all = JsonNode.Parse(LmsFixtures.Read("moodle-4.5-logstore-real/clean_run_statements.json"))!.AsArray();
        return all.First(s =>
        {
            var id = (string)s!["object"]!["id"]!;
            return (string?)s["actor"]!["account"]?["name"] == "3"
                && (string?)s["context"]!["extensions"]!["http://lrs.learninglocker.net/define/extensions/info"]!["event_name"] == eventName
                && (id.Contains($"?id={cmId}", StringComparison.Ordinal) || id.Contains($"cmid={cmId}", StringComparison.Ordinal))
                && id.Contains(objectPart, StringComparison.Ordinal);
        })!.DeepClone();
    }

    private sealed class Identities : ILmsIdentityLookup
    {
        public LearnerId? Find(string source, string kind, string value) =>
            source == "moodle:127.0.0.1:44331" && kind == LmsIdentityKinds.Email && value == "alice@students.example.edu" ? new LearnerId("3") : null;
    }
}
