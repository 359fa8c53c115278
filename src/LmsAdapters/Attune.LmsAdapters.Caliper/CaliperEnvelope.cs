namespace Attune.LmsAdapters.Caliper;

/// <summary>
/// A Caliper 1.1 envelope as the Sensor API receives it: who sent it, when, in which data version, and its
/// <c>data[]</c>, which may mix events with entity "describes" (LMS-NOTES §4).
/// </summary>
/// <param name="Sensor">The sending sensor's id (an IRI by recommendation, e.g. <c>http://canvas.example.edu/</c>).</param>
/// <param name="SendTime">When the sensor sent the envelope, in UTC.</param>
/// <param name="DataVersion">The data version; <see cref="CaliperEnvelopeParser.DataVersion11"/> for every envelope parsed successfully.</param>
/// <param name="Events">The events of <c>data[]</c>, in order, each with its index there.</param>
/// <param name="Describes">The entities of <c>data[]</c> (items without <c>action</c>), which describe rather than report.</param>
public sealed record CaliperEnvelope(
    string Sensor,
    DateTimeOffset SendTime,
    string DataVersion,
    IReadOnlyList<CaliperEvent> Events,
    IReadOnlyList<CaliperEntity> Describes);
