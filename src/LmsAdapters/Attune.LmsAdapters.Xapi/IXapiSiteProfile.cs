namespace Attune.LmsAdapters.Xapi;

/// <summary>
/// How the statements of one LMS site become events: the site's source, its learners, items and courses in the ids
/// its pull uses, and each statement's fact key, so the statement and the pulled record of one fact are one event.
/// An LMS adapter supplies it (Moodle's logstore_xapi statements); statements no profile claims map generically.
/// </summary>
public interface IXapiSiteProfile
{
    /// <summary>The journal source of the site's facts (<see cref="LmsSite.Source"/>).</summary>
    string Source { get; }

    /// <summary>The learner the actor is, or <c>null</c> when the site does not know them (yet).</summary>
    string? Learner(XapiActor actor);

    /// <summary>The item id an activity IRI names, or <c>null</c> to keep the IRI.</summary>
    string? Item(string iri);

    /// <summary>The course id an activity IRI names, or <c>null</c> when it names no course.</summary>
    string? Course(string iri);

    /// <summary>The kind the fact is, given the kind its verb maps to: the same fact can come under two verbs.</summary>
    EventKind Kind(XapiStatement statement, EventKind byVerb) => byVerb;

    /// <summary>
    /// A catalog entry for an item the statement names that is no learning activity (a course page, a single question),
    /// so plans never send a learner there; <c>null</c> for activities, which the site's pull describes.
    /// </summary>
    CatalogEntry? NotAnActivity(XapiActivity activity, string item, CourseId? course) => null;

    /// <summary>The fact key of the statement (who, what, which thing, when), the same as the pull derives for the same fact.</summary>
    /// <param name="statement">The statement.</param>
    /// <param name="kind">The event kind its verb maps to.</param>
    /// <param name="learner">The learner id chosen for it.</param>
    /// <param name="item">The item id chosen for it.</param>
    string FactKey(XapiStatement statement, EventKind kind, string learner, string item);

    /// <summary>
    /// The event that <paramref name="generic"/>, journaled from a statement of this site without the profile (under the
    /// generic xAPI source, its activity IRI as item and course, the actor's identifier as learner: sent before Attune
    /// knew the site), is under the profile: the learner, item, course and fact key the statement would have had.
    /// <c>null</c> when it is no event of this site.
    /// </summary>
    LearningEvent? Rekey(LearningEvent generic) => null;

    /// <summary>
    /// Whether a statement that does not say which LMS sent it (no platform marker the provider recognises) names this
    /// site, by its actor's home page or its object's IRI: the host asks the profiles of the sites it is connected to.
    /// </summary>
    bool Names(XapiStatement statement) => false;
}
