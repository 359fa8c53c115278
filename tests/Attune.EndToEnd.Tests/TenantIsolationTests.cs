using System.Net;

namespace Attune.EndToEnd.Tests;

/// <summary>Tenants cannot see each other's learners: the tenant comes from the API key and scopes everything.</summary>
[Collection(SharedSiloCollection.Name)]
public sealed class TenantIsolationTests(SiloFixture fixture)
{
    private readonly SiloProcess _silo = fixture.Silo;

    [Fact]
    public async Task AnotherTenantGetsNotFoundForALearnerItNeverSent()
    {
        await fixture.UniClient.PostEventsOkAsync(
        [
            new("iso-1", "alice", "quiz-1", "completed", TestEvent.Day, "bio101", 0.9, 300),
            new("iso-2", "alice", "quiz-2", "viewed", TestEvent.Day.AddMinutes(5), "bio101"),
        ]);

        using var asOther = await fixture.OtherClient.GetLearnerAsync("alice");
        var asUni = await fixture.UniClient.GetLearnerOkAsync("alice");

        var problem = await ResponseAssert.ProblemAsync(asOther, HttpStatusCode.NotFound, _silo);
        Assert.DoesNotContain("quiz-1", problem.ToString());
        Assert.Equal(2, asUni.EventsApplied);
    }

    [Fact]
    public async Task AnotherTenantSeesNoneOfTheCatalogOrEngagementOfACourseWithTheSameId()
    {
        await fixture.UniClient.PutCatalogOkAsync("chem200", new { items = new[] { new { id = "titration", title = "Titration lab", estimatedMinutes = 40 } } });
        await fixture.UniClient.PostEventsOkAsync(
        [
            new("iso-chem-1", "bob", "titration", "started", TestEvent.Day, "chem200"),
            new("iso-chem-2", "carol", "spectra", "viewed", TestEvent.Day, "chem200"),
        ]);
        await fixture.OtherClient.PostEventsOkAsync([new("iso-chem-1", "dan", "own-item", "completed", TestEvent.Day, "chem200")]);

        using var otherCatalog = await fixture.OtherClient.GetAsync("/api/v1/courses/chem200/items");
        var otherCatalogBody = await ResponseAssert.StatusAsync(otherCatalog, HttpStatusCode.OK, _silo);
        var forDan = await fixture.OtherClient.GetRecommendationsOkAsync("dan", "?course=chem200");
        // uni's learner does not exist for other: 404, never a plan (which could show uni's items)
        using var bobAsOther = await fixture.OtherClient.GetAsync("/api/v1/learners/bob/recommendations?course=chem200");
        var forBobAsUni = await fixture.UniClient.GetRecommendationsOkAsync("bob", "?course=chem200");

        Assert.DoesNotContain("titration", otherCatalogBody, StringComparison.OrdinalIgnoreCase);
        // dan finished the only item of other's chem200 (a plan may bring it back as a review); uni's items must not appear
        Assert.All(forDan.Items, s => Assert.Equal("own-item", s.Item));
        await ResponseAssert.ProblemAsync(bobAsOther, HttpStatusCode.NotFound, _silo);
        Assert.Contains(forBobAsUni.Items, s => s.Item == "spectra"); // the same request as uni does see them
    }

    [Fact]
    public async Task TheSameEventIdFromTwoTenantsIsTwoEvents()
    {
        var uniBefore = fixture.Journal.CountEvents(SiloFixture.Uni, "erin");

        var fromUni = await fixture.UniClient.PostEventsOkAsync([new("shared-id", "erin", "quiz-1", "viewed", TestEvent.Day, "bio101")]);
        var fromOther = await fixture.OtherClient.PostEventsOkAsync([new("shared-id", "erin", "essay", "submitted", TestEvent.Day, "hist300")]);

        Assert.Equal((1, 0), (fromUni.Accepted, fromUni.Duplicates));
        Assert.Equal((1, 0), (fromOther.Accepted, fromOther.Duplicates));
        var uniErin = await fixture.UniClient.GetLearnerOkAsync("erin");
        var otherErin = await fixture.OtherClient.GetLearnerOkAsync("erin");
        Assert.Equal(["quiz-1"], uniErin.Items.Select(i => i.Item));
        Assert.Equal(["essay"], otherErin.Items.Select(i => i.Item));
        Assert.Equal(uniBefore + 1, fixture.Journal.CountEvents(SiloFixture.Uni, "erin"));
        Assert.Equal(1, fixture.Journal.CountEvents(SiloFixture.Other, "erin"));
    }

    [Fact]
    public async Task ALearnerWhoseIdIsAnIriCanBeReadBack()
    {
        const string learner = "https://lms.example.edu/users/1042";
        await fixture.UniClient.PostEventsOkAsync([new("iri-1", learner, "quiz-1", "viewed", TestEvent.Day, "bio101")]);

        var model = await fixture.UniClient.GetLearnerOkAsync(learner);

        Assert.Equal((learner, 1L), (model.Learner, model.EventsApplied));
    }
}
