namespace Attune.LmsAdapters.Caliper;

/// <summary>Why an envelope was refused, as the Sensor API tells the sender (LMS-NOTES §4).</summary>
public enum CaliperErrorKind
{
    /// <summary>Not an envelope, or an envelope or event missing or misusing a required field: answer 400.</summary>
    Malformed,

    /// <summary>A well-formed envelope of a <c>dataVersion</c> this receiver does not speak: answer 422, not 400.</summary>
    UnsupportedDataVersion,
}
