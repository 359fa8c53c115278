using System.Globalization;
using System.Web;

namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// Reads Moodle's own URLs, as logstore_xapi uses them for xAPI activity ids, back into the ids the pull
/// adapter uses, so an event pushed by xAPI and one pulled by web services name the same item and course:
/// <c>{site}/mod/{type}/view.php?id={cmid}</c> (with <c>#submission</c> or <c>#feedback</c> for assignment
/// parts) and <c>{site}/mod/quiz/attempt.php?attempt=…&amp;cmid={cmid}</c> are item <c>{cmid}</c>;
/// <c>{site}/course/view.php?id={id}</c> is course <c>{id}</c> (and item <c>course:{id}</c> when viewed itself);
/// <c>{site}/question/question.php?…&amp;id={id}</c> is item <c>question:{id}</c>. Other URLs are not recognised.
/// </summary>
/// <remarks>Pass <see cref="ItemIdFromIri"/> and <see cref="CourseIdFromIri"/> to the xAPI mapper's options.</remarks>
public sealed class MoodleSiteUrls
{
    private readonly Uri _site;

    /// <summary>Creates a reader for one site.</summary>
    /// <param name="siteUrl">The site's wwwroot (the <c>homePage</c> of its xAPI accounts).</param>
    public MoodleSiteUrls(Uri siteUrl)
    {
        ArgumentNullException.ThrowIfNull(siteUrl);
        _site = new Uri(siteUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }

    /// <summary>The item id for an activity IRI, or <c>null</c> when it is no Moodle URL this reader knows.</summary>
    public string? ItemIdFromIri(string iri)
    {
        if (Relative(iri) is not { } url)
        {
            return null;
        }
        var (path, query) = url;
        if (path.StartsWith("mod/", StringComparison.Ordinal) && path.EndsWith(".php", StringComparison.Ordinal))
        {
            return Id(query["cmid"]) ?? (path.EndsWith("/view.php", StringComparison.Ordinal) ? Id(query["id"]) : null);
        }
        if (path == "course/view.php" && Id(query["id"]) is { } course)
        {
            return "course:" + course;
        }
        if (path == "question/question.php" && Id(query["id"]) is { } question)
        {
            return "question:" + question;
        }
        return null;
    }

    /// <summary>The quiz attempt id of an attempt IRI (<c>mod/quiz/attempt.php?attempt={id}</c>), or <c>null</c>.</summary>
    public long? AttemptIdFromIri(string iri) =>
        Relative(iri) is ("mod/quiz/attempt.php" or "mod/quiz/review.php" or "mod/quiz/summary.php", var query)
        && Id(query["attempt"]) is { } attempt
            ? long.Parse(attempt, CultureInfo.InvariantCulture)
            : null;

    /// <summary>Whether the IRI names an assignment's submission part (<c>mod/assign/view.php?id={cmid}#submission</c>).</summary>
    public static bool IsSubmissionPart(string iri) => iri.EndsWith("#submission", StringComparison.Ordinal);

    /// <summary>The course id for a course IRI, or <c>null</c> when it is no course URL of this site.</summary>
    public string? CourseIdFromIri(string iri) =>
        Relative(iri) is ("course/view.php", var query) ? Id(query["id"]) : null;

    private (string Path, System.Collections.Specialized.NameValueCollection Query)? Relative(string iri)
    {
        if (!Uri.TryCreate(iri, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Scheme, _site.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Authority, _site.Authority, StringComparison.OrdinalIgnoreCase)
            || !uri.AbsolutePath.StartsWith(_site.AbsolutePath, StringComparison.Ordinal))
        {
            return null;
        }
        return (uri.AbsolutePath[_site.AbsolutePath.Length..], HttpUtility.ParseQueryString(uri.Query));
    }

    private static string? Id(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id.ToString(CultureInfo.InvariantCulture)
            : null;
}
