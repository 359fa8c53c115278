using System.Text.Json;
using Attune.Silo.Api;
using Attune.Silo.Hosting;
using Attune.Silo.Ingestion;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Attune.Silo.Tests.Ingestion;

public sealed class EventBatchParserTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly EventBatchParser _parser = new(Options.Create(new AttuneOptions
    {
        Ingestion = new IngestionOptions { AdditionalKinds = ["bookmarked"] },
    }), Clock);

    [Fact]
    public void TheDocumentedExampleParsesWithTimestampsInUtc()
    {
        var events = Parse("""
            {"events":[{"id":"e1","learner":"alice","item":"quiz-3","course":"bio101","kind":"completed",
              "score":0.8,"durationSeconds":300,"timestamp":"2026-11-01T11:05:00+01:00","skills":["photosynthesis"]}]}
            """, out var errors);

        Assert.False(errors.Any);
        var e = Assert.Single(events!);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 10, 5, 0, TimeSpan.Zero), e.Timestamp);
        Assert.Equal(TimeSpan.Zero, e.Timestamp.Offset);
        Assert.Equal((EventKind.Completed, 0.8, 300.0, "bio101"), (e.Kind, e.Score!.Value, e.DurationSeconds!.Value, e.Course!.Value.Value));
        Assert.Equal(LearningEvent.ApiSource, e.Source);
    }

    [Theory]
    [InlineData("""{"learner":"a","item":"i","kind":"viewed","timestamp":"2026-11-01T10:00:00Z"}""", "events[0].id", "is required")]
    [InlineData("""{"id":"e","learner":7,"item":"i","kind":"viewed","timestamp":"2026-11-01T10:00:00Z"}""", "events[0].learner", "must be a string")]
    [InlineData("""{"id":"e","learner":"a","item":"i","kind":"flew","timestamp":"2026-11-01T10:00:00Z"}""", "events[0].kind", "not a known kind")]
    [InlineData("""{"id":"e","learner":"a","item":"i","kind":"graded","score":1.5,"timestamp":"2026-11-01T10:00:00Z"}""", "events[0].score", "between 0 and 1")]
    [InlineData("""{"id":"e","learner":"a","item":"i","kind":"graded","score":"NaN","timestamp":"2026-11-01T10:00:00Z"}""", "events[0].score", "must be a number")]
    [InlineData("""{"id":"e","learner":"a","item":"i","kind":"viewed","durationSeconds":-1,"timestamp":"2026-11-01T10:00:00Z"}""", "events[0].durationSeconds", "between 0")]
    [InlineData("""{"id":"e","learner":"a","item":"i","kind":"viewed","timestamp":"2026-11-01T10:00:00"}""", "events[0].timestamp", "with an offset")]
    [InlineData("""{"id":"e","learner":"a","item":"i","kind":"viewed","timestamp":"next tuesday"}""", "events[0].timestamp", "not an ISO 8601")]
    [InlineData("""{"id":"e","learner":"a","item":"i","kind":"viewed","timestamp":"2027-01-01T00:00:00Z"}""", "events[0].timestamp", "in the future")]
    [InlineData("""{"id":"e","learner":"a","item":"i","kind":"viewed","timestamp":"2026-11-01T10:00:00Z","skills":"algebra"}""", "events[0].skills", "must be an array")]
    [InlineData("""{"id":"e","learner":"a","item":"i","kind":"viewed","timestamp":"2026-11-01T10:00:00Z","tenant":"other"}""", "events[0].tenant", "comes from the API key")]
    [InlineData("""{"id":" e","learner":"a","item":"i","kind":"viewed","timestamp":"2026-11-01T10:00:00Z"}""", "events[0].id", "white space")]
    public void ABadFieldIsNamedByIndexAndField(string badEvent, string field, string message)
    {
        var events = Parse($$"""{"events":[{{badEvent}}]}""", out var errors);

        Assert.Null(events);
        Assert.Contains(message, Assert.Contains(field, errors.ByField)[0]);
    }

    [Fact]
    public void ARepeatedIdInOneBatchIsRefusedNamingTheRepeat()
    {
        var events = Parse("""
            {"events":[
              {"id":"e1","learner":"a","item":"i","kind":"viewed","timestamp":"2026-11-01T10:00:00Z"},
              {"id":"e2","learner":"a","item":"i","kind":"viewed","timestamp":"2026-11-01T10:00:00Z"},
              {"id":"e1","learner":"b","item":"j","kind":"viewed","timestamp":"2026-11-01T10:00:00Z"}]}
            """, out var errors);

        Assert.Null(events);
        Assert.Equal("events[2].id", Assert.Single(errors.ByField).Key);
        Assert.Contains("events[0]", errors.ByField["events[2].id"][0]);
    }

    [Fact]
    public void TheSameIdFromTwoSourcesIsTwoEvents()
    {
        var events = Parse("""
            {"events":[
              {"id":"e1","learner":"a","item":"i","kind":"viewed","timestamp":"2026-11-01T10:00:00Z"},
              {"id":"e1","learner":"a","item":"i","kind":"viewed","timestamp":"2026-11-01T10:00:00Z","source":"import"}]}
            """, out var errors);

        Assert.False(errors.Any);
        Assert.Equal(2, events!.Count);
    }

    [Fact]
    public void OneBadEventAtTheEndRejectsTheWholeBatch()
    {
        var events = Parse("""
            {"events":[
              {"id":"e1","learner":"a","item":"i","kind":"viewed","timestamp":"2026-11-01T10:00:00Z"},
              {"id":"e2","learner":"a","item":"i","kind":"viewed","timestamp":"2026-11-01T10:00:00Z"},
              {"id":"e3","learner":"a","item":"i","kind":"viewed"}]}
            """, out var errors);

        Assert.Null(events);
        Assert.Equal(["events[2].timestamp"], errors.ByField.Keys);
    }

    [Fact]
    public void AConfiguredExtraKindIsAccepted()
    {
        var events = Parse("""{"events":[{"id":"e","learner":"a","item":"i","kind":"bookmarked","timestamp":"2026-11-01T10:00:00Z"}]}""", out _);

        Assert.Equal("bookmarked", Assert.Single(events!).Kind.Name);
    }

    [Theory]
    [InlineData("""[]""", "body")]
    [InlineData("""{}""", "events")]
    [InlineData("""{"events":{}}""", "events")]
    [InlineData("""{"events":[]}""", "events")]
    [InlineData("""{"events":[42]}""", "events[0]")]
    public void AMisshapenBodyIsNamed(string body, string field)
    {
        Parse(body, out var errors);

        Assert.Contains(field, errors.ByField.Keys);
    }

    private List<LearningEvent>? Parse(string json, out FieldErrors errors)
    {
        errors = new FieldErrors();
        using var document = JsonDocument.Parse(json);
        return _parser.Parse(document.RootElement, errors);
    }
}
