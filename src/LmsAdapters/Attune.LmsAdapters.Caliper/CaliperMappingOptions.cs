namespace Attune.LmsAdapters.Caliper;

/// <summary>How events from one Caliper sender become <see cref="LearningEvent"/>s.</summary>
public sealed record CaliperMappingOptions
{
    /// <summary>The <see cref="LearningEvent.Source"/> of every event, e.g. the connection's id.</summary>
    public required string Source { get; init; }

    /// <summary>
    /// Turns a person's IRI into the learner id the rest of Attune uses (Canvas's
    /// <c>urn:instructure:canvas:user:21070000000000048</c> into <c>48</c>, say); <c>null</c> from it, or no
    /// function, keeps the IRI itself.
    /// </summary>
    public Func<string, string?>? LearnerIdFromIri { get; init; }

    /// <summary>Turns an object's IRI into an item id; <c>null</c> from it, or no function, keeps the IRI.</summary>
    public Func<string, string?>? ItemIdFromIri { get; init; }

    /// <summary>Turns a group's IRI into a course id; <c>null</c> from it, or no function, keeps the IRI.</summary>
    public Func<string, string?>? CourseIdFromIri { get; init; }

    /// <summary>
    /// The id of the <see cref="LearningEvent"/> for an event, when a sender knows a better key than the Caliper
    /// <c>id</c> (Canvas: the submission and attempt, so the pull and both push formats name one fact alike);
    /// <c>null</c> from it, or no function, uses <c>urn:uuid:</c> and the event's UUID in lower case.
    /// </summary>
    public Func<CaliperEvent, string?>? EventIdFor { get; init; }

    /// <summary>A sender-specific reason to skip an event that would otherwise map (Canvas list-page views, say);
    /// <c>null</c> from it maps the event.</summary>
    public Func<CaliperEvent, string?>? SkipReasonFor { get; init; }

    /// <summary>
    /// Whether an event whose <c>membership</c> lists roles, none of them <c>Learner</c> (or a <c>Learner#</c>
    /// sub-role), is skipped: an instructor opening a page is no learner activity. GradeEvents are exempt, as
    /// their actor is the grader by design. On by default.
    /// </summary>
    public bool OnlyLearnerRoles { get; init; } = true;

    /// <summary>
    /// The receiver's rule for event times: why an <c>eventTime</c> is refused (say, it lies beyond the allowed clock
    /// skew in the future), or <c>null</c> when it is acceptable. A refused time refuses the envelope, naming
    /// <c>data[i].eventTime</c>. No function accepts every time.
    /// </summary>
    public Func<DateTimeOffset, string?>? TimestampProblem { get; init; }
}
