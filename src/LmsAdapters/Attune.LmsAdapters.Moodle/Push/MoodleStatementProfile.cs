using System.Collections.Concurrent;
using System.Globalization;
using Attune.LmsAdapters.Xapi;

namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// How the statements Moodle's logstore_xapi sends become events (<see cref="IXapiSiteProfile"/>): under the source of
/// the site the statement names, with the learner, item, course and fact key the web-service pull gives the same
/// fact, whether or not a connection to the site exists, and whatever <c>context.registration</c> (a hash of the
/// sending process's session, new on every resend) says.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Site</b>: statements with <c>context.platform</c> "Moodle"; the site is the actor's <c>account.homePage</c>,
/// else the <c>category</c> activity of type lms (logstore_xapi adds it to every statement), so statements sent with
/// the <c>mbox</c> identity setting are placed too.</item>
/// <item><b>Learner</b>: an account of the site is the Moodle user id (its <c>name</c>); an <c>mbox</c> is looked up
/// in the site's identity map (filled by the pull's enrolled users) and stays the <c>mailto:</c> IRI only while the
/// map does not know it, until the identity repair job re-keys it.</item>
/// <item><b>Fact key</b>: <see cref="MoodleEventIds"/>: an attempt's start and finish by attempt id; a module's
/// completion, an assignment's submission (<c>#submission</c> with <c>submit</c>) and grade (<c>#submission</c> with
/// <c>scored</c>) by course module, learner and time; anything else (views, answers, course completion) by kind,
/// item, learner and time.</item>
/// </list>
/// </remarks>
public sealed class MoodleStatementProfile : IXapiSiteProfile
{
    private const string LmsActivityType = "http://id.tincanapi.com/activitytype/lms";
    private static readonly ConcurrentDictionary<string, MoodleSiteUrls> Urls = new(StringComparer.Ordinal);

    private readonly LmsSite _site;
    private readonly MoodleSiteUrls _urls;
    private readonly ILmsIdentityLookup _identities;

    /// <summary>The profile of one site.</summary>
    public MoodleStatementProfile(LmsSite site, ILmsIdentityLookup identities)
    {
        ArgumentNullException.ThrowIfNull(site);
        _site = site;
        _urls = Urls.GetOrAdd(site.Source, _ => new MoodleSiteUrls(site.Url));
        _identities = identities ?? LmsIdentityLookup.None;
    }

    /// <inheritdoc/>
    public string Source => _site.Source;

    /// <summary>The profile of the Moodle site a statement comes from, or <c>null</c> for a statement from anything else.</summary>
    public static MoodleStatementProfile? For(XapiStatement statement, ILmsIdentityLookup identities)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return SiteOf(statement) is { } site ? new MoodleStatementProfile(site, identities) : null;
    }

    /// <summary>The Moodle site a statement names, or <c>null</c>.</summary>
    public static LmsSite? SiteOf(XapiStatement statement)
    {
        if (!string.Equals(statement.Context?.Platform, "Moodle", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var url = statement.Actor.Account?.HomePage
            ?? statement.Context!.Category.FirstOrDefault(a => a.Type == LmsActivityType)?.Id;
        return LmsSite.TryOf(MoodleConnector.KindName, url);
    }

    /// <inheritdoc/>
    public string? Learner(XapiActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Account is { } account)
        {
            return LmsSite.TryOf(MoodleConnector.KindName, account.HomePage)?.Source == _site.Source
                ? account.Name
                : $"{account.HomePage}#{account.Name}";
        }
        if (actor.Mbox is { } mbox)
        {
            return _identities.Find(_site.Source, LmsIdentityKinds.Email, LmsIdentityKinds.Normalise(LmsIdentityKinds.Email, mbox))?.Value ?? mbox;
        }
        return null;
    }

    /// <inheritdoc/>
    public string? Item(string iri) => _urls.ItemIdFromIri(iri);

    /// <inheritdoc/>
    public string? Course(string iri) => _urls.CourseIdFromIri(iri);

    /// <summary>The course page (<c>course:{id}</c>) and single questions (<c>question:{id}</c>): named by views and answers, never a step of a plan.</summary>
    public CatalogEntry? NotAnActivity(XapiActivity activity, string item, CourseId? course)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(item);
        var kind = item.StartsWith("course:", StringComparison.Ordinal) ? "course"
            : item.StartsWith("question:", StringComparison.Ordinal) ? "question"
            : null;
        return kind is null || course is null
            ? null
            : new CatalogEntry(course.Value, new ItemId(item), Title: activity.Name, Kind: kind) { Recommendable = false };
    }

    /// <summary>An attempt's <c>completed</c> statement is its submission: the pull calls the finished attempt <c>submitted</c>.</summary>
    public EventKind Kind(XapiStatement statement, EventKind byVerb)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return Kind(statement.Object.Activity?.Id ?? string.Empty, byVerb);
    }

    /// <inheritdoc/>
    public string FactKey(XapiStatement statement, EventKind kind, string learner, string item)
    {
        ArgumentNullException.ThrowIfNull(statement);
        // logstore_xapi stamps each statement with the Moodle event's timecreated, whole seconds like every Moodle time.
        return FactKey(statement.Object.Activity?.Id ?? string.Empty, kind, learner, item, statement.Timestamp?.ToUnixTimeSeconds() ?? 0);
    }

    /// <summary>
    /// A statement of this site journaled by the generic mapping (under <c>xapi</c>, its activity IRI as item, the course
    /// page's IRI as course, the account's name or the <c>mailto:</c> IRI as learner) as the profile maps it: what a
    /// statement sent before Attune knew the site is re-keyed to. Everything the key needs is in the generic event: the
    /// object IRI (item), the kind, the learner and Moodle's time (whole seconds).
    /// </summary>
    public LearningEvent? Rekey(LearningEvent generic)
    {
        ArgumentNullException.ThrowIfNull(generic);
        var iri = generic.Item.Value;
        if (!_site.Contains(iri))
        {
            return null;
        }
        var item = Item(iri) ?? iri;
        var course = (generic.Course is { } c ? Course(c.Value) : null) ?? Course(iri) ?? generic.Course?.Value;
        var learner = generic.Learner.Value;
        if (learner.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            learner = _identities.Find(_site.Source, LmsIdentityKinds.Email, LmsIdentityKinds.Normalise(LmsIdentityKinds.Email, learner))?.Value ?? learner;
        }
        var kind = Kind(iri, generic.Kind);
        return new LearningEvent(
            FactKey(iri, kind, learner, item, generic.Timestamp.ToUnixTimeSeconds()),
            new LearnerId(learner), new ItemId(item), kind, generic.Timestamp,
            course is null ? null : new CourseId(course), generic.Score, generic.DurationSeconds, generic.Skills, Source);
    }

    /// <summary>A statement whose actor's account is of this site, or whose object is a page of it.</summary>
    public bool Names(XapiStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return statement.Actor.Account is { } account
            ? LmsSite.TryOf(MoodleConnector.KindName, account.HomePage)?.Source == _site.Source
            : statement.Object.Activity is { } activity && _site.Contains(activity.Id);
    }

    private EventKind Kind(string iri, EventKind byVerb) =>
        byVerb == EventKind.Completed && _urls.AttemptIdFromIri(iri) is not null ? EventKind.Submitted : byVerb;

    private string FactKey(string iri, EventKind kind, string learner, string item, long time)
    {
        if (_urls.AttemptIdFromIri(iri) is { } attempt)
        {
            if (kind == EventKind.Started)
            {
                return MoodleEventIds.QuizAttemptStarted(attempt, learner);
            }
            if (kind == EventKind.Completed || kind == EventKind.Submitted)
            {
                return MoodleEventIds.QuizAttemptFinished(attempt, learner);
            }
        }
        if (long.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var cmId))
        {
            if (MoodleSiteUrls.IsSubmissionPart(iri))
            {
                if (kind == EventKind.Submitted)
                {
                    return MoodleEventIds.Submission(cmId, learner, time);
                }
                if (kind == EventKind.Graded)
                {
                    return MoodleEventIds.Grade(cmId, learner, time);
                }
            }
            else if (kind == EventKind.Completed)
            {
                return MoodleEventIds.Completion(cmId, learner, time);
            }
        }
        return MoodleEventIds.Other(kind, item, learner, time);
    }
}
