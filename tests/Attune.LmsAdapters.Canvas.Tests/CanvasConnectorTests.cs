using System.Text;

namespace Attune.LmsAdapters.Canvas.Tests;

/// <summary>Canvas Live Events in Caliper form through the generic Caliper door: placed by the site the sensor names.</summary>
public sealed class CanvasConnectorTests
{
    private static readonly CanvasConnector Canvas = new();

    [Fact]
    public void ACanvasCaliperEnvelopeNamesTheSiteOfItsSensor()
    {
        var site = Canvas.SiteOf(Utf8(LmsFixtures.ReadPayload("canvas_caliper_event_submission_created.json")));

        Assert.NotNull(site);
        // The sensor is http://oxana.instructure.com/; a connection registered at https://oxana.instructure.com is the same site.
        Assert.Equal(LmsSite.Of("canvas", new Uri("https://oxana.instructure.com")).Source, site.Source);
    }

    [Fact]
    public void EnvelopesOfOtherSensorsAndCanvasFormEventsAreNotCanvasCaliper()
    {
        Assert.Null(Canvas.SiteOf(Utf8(LmsFixtures.Read("caliper_envelope_event_batch.json")))); // IMS's own example: no Canvas entities
        Assert.Null(Canvas.SiteOf(Utf8(LmsFixtures.ReadPayload("canvas_live_event_submission_created.json")))); // {metadata, body}
        Assert.Null(Canvas.SiteOf(Utf8("not json")));
    }

    [Fact]
    public void ASubmissionInCaliperFormThroughTheGenericDoorIsTheCanvasFormsEvent()
    {
        var site = LmsSite.Of("canvas", new Uri("https://oxana.instructure.com"));
        var generic = Canvas.MapCaliper(site, new Dictionary<string, string>(),
            new LmsPush(Utf8(LmsFixtures.ReadPayload("canvas_caliper_event_submission_created.json")), "application/json"), timestampProblem: null);
        var canvasForm = new CanvasLiveEventMapper(new CanvasLiveEventOptions { Source = site.Source })
            .Map(LmsFixtures.ReadPayload("canvas_live_event_submission_created.json"));

        var viaCaliper = Assert.Single(generic.Events);
        var viaCanvas = Assert.Single(canvasForm.Events);
        Assert.Equal(
            (viaCanvas.Id, viaCanvas.Source, viaCanvas.Learner, viaCanvas.Item, viaCanvas.Kind, viaCanvas.Timestamp),
            (viaCaliper.Id, viaCaliper.Source, viaCaliper.Learner, viaCaliper.Item, viaCaliper.Kind, viaCaliper.Timestamp));
        Assert.Equal(site.Source, viaCaliper.Source);
    }

    private static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
