using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// Runs one sync pass of a Canvas connection: from a cursor to catalog entries, learners, events, item aliases,
/// warnings, per-course errors and the next cursor.
/// </summary>
/// <remarks>
/// <para>A pass lists the courses (the configured ids, an account's courses, or the token user's), then reads each
/// course in turn: modules with items (catalog), assignments (points for scaling, due dates, which assignments
/// are quizzes or discussions), student enrollments (learners), and student submissions since the course's
/// cursor. Calls run one at a time; the client's token gate bounds what other syncs of the token add.</para>
/// <para>Submissions are read twice per incremental pass, once with <c>submitted_since</c> and once with
/// <c>graded_since</c>: Canvas ANDs the two filters (submissions_api_controller.rb applies
/// <c>submitted_at &gt; ?</c> and then <c>graded_at &gt; ?</c>), so one call with both would miss work submitted
/// before the cursor and graded after it. At least every <see cref="CanvasSyncOptions.FullRefreshInterval"/> a
/// course's submissions are read whole.</para>
/// <para>One course failing (a 403 on a course the token may not read, a 404, a reply that keeps failing) is
/// recorded and the pass goes on with the others; that course's cursor stays put. Only what concerns the whole
/// connection stops the pass with an exception: a refused token (401), a failed course list, or three courses in
/// a row with no usable answer (the instance is down).</para>
/// </remarks>
public sealed class CanvasSync
{
    private const int ConsecutiveTransportFailuresThatStopAPass = 3;

    private readonly CanvasClient _client;
    private readonly CanvasSyncOptions _options;
    private readonly CanvasIds _ids;
    private readonly CanvasMinutesEstimate _estimate;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a sync for one connection.</summary>
    /// <exception cref="ArgumentException">The source is not a valid identifier.</exception>
    public CanvasSync(CanvasClient client, CanvasSyncOptions options, TimeProvider? timeProvider = null, ILogger<CanvasSync>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        Identifier.Require(options.Source, nameof(options.Source));
        _client = client;
        _options = options;
        _ids = options.Ids ?? CanvasIds.Default;
        _estimate = options.MinutesEstimate ?? CanvasMinutesEstimate.Default;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Runs one pass from <paramref name="cursor"/>.</summary>
    /// <exception cref="CanvasApiException">The token was refused (401), or the course list was.</exception>
    /// <exception cref="CanvasTransportException">The instance did not answer usably.</exception>
    public async Task<CanvasSyncResult> RunAsync(CanvasSyncCursor cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var startedAt = _time.GetUtcNow();
        var pass = new Pass(startedAt);
        var cursors = cursor.Courses.ToBuilder();
        var transportFailuresInARow = 0;

        // Configured courses are read one by one, so one the token cannot see is that course's error; a failing
        // course list fails the pass.
        IReadOnlyList<(long Id, CanvasCourse? Listed)> targets = _options.CourseIds is { Count: > 0 } configured
            ? [.. configured.Distinct().Select(id => (id, (CanvasCourse?)null))]
            : [.. (await _client.GetCoursesAsync(_options.AccountId, cancellationToken).ConfigureAwait(false))
                .DistinctBy(c => c.Id).Select(c => (c.Id, (CanvasCourse?)c))];

        foreach (var (courseId, listed) in targets)
        {
            var course = new CourseId(_ids.Normalize(courseId));
            try
            {
                var canvasCourse = listed ?? await _client.GetCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
                var (full, next) = await SyncCourseAsync(canvasCourse, cursor.For(courseId), pass, cancellationToken).ConfigureAwait(false);
                transportFailuresInARow = 0;
                pass.Courses.Add(new CanvasSyncedCourse(course, canvasCourse.Name, canvasCourse.CourseCode, full));
                cursors[courseId] = next;
            }
            catch (CanvasApiException ex) when (!ex.IsAuthenticationError)
            {
                transportFailuresInARow = 0;
                _logger.LogWarning("Canvas course {Course} at {Host} failed: {Status} on {Path}", courseId, _client.BaseUrl.Host, (int)ex.StatusCode, ex.Path);
                pass.Errors.Add(new CanvasSyncError(course, ex.Path, (int)ex.StatusCode, ex.Message));
            }
            catch (CanvasTransportException ex)
            {
                _logger.LogWarning("Canvas course {Course} at {Host} failed: {Message}", courseId, _client.BaseUrl.Host, ex.Message);
                pass.Errors.Add(new CanvasSyncError(course, ex.Path, ex.StatusCode is { } status ? (int)status : null, ex.Message));
                if (++transportFailuresInARow >= ConsecutiveTransportFailuresThatStopAPass)
                {
                    throw;
                }
            }
        }
        return pass.Result(_time.GetUtcNow(), new CanvasSyncCursor(cursors.ToImmutable(), startedAt));
    }

    private async Task<(bool Full, CanvasCourseCursor Next)> SyncCourseAsync(CanvasCourse course, CanvasCourseCursor previous, Pass pass, CancellationToken ct)
    {
        var courseId = new CourseId(_ids.Normalize(course.Id));
        var modules = await _client.GetModulesAsync(course.Id, ct).ConfigureAwait(false);
        var assignments = await _client.GetAssignmentsAsync(course.Id, ct).ConfigureAwait(false);
        var catalog = CanvasCatalogMapper.Map(course.Id, modules, assignments, _estimate, _ids);
        var aliases = CanvasCatalogMapper.ItemAliases(assignments, _ids);

        var enrollments = await _client.GetEnrollmentsAsync(course.Id, _options.LearnerEnrollmentTypes, _options.LearnerEnrollmentStates, ct).ConfigureAwait(false);
        var learners = new Dictionary<long, CanvasEnrollment>();
        foreach (var enrollment in enrollments.Where(e => e.Type is null || _options.LearnerEnrollmentTypes.Contains(e.Type)))
        {
            learners.TryAdd(enrollment.UserId, enrollment);
        }

        var full = previous.Since is null || previous.FullPassAt is not { } fullAt || pass.StartedAt - fullAt >= _options.FullRefreshInterval;
        List<CanvasSubmission> submissions = full
            ? [.. await _client.GetStudentSubmissionsAsync(course.Id, cancellationToken: ct).ConfigureAwait(false)]
            : [
                .. await _client.GetStudentSubmissionsAsync(course.Id, submittedSince: previous.Since, cancellationToken: ct).ConfigureAwait(false),
                .. await _client.GetStudentSubmissionsAsync(course.Id, gradedSince: previous.Since, cancellationToken: ct).ConfigureAwait(false),
            ];

        // Everything of the course is read before anything is added, so a course that fails part-way adds nothing.
        var events = new List<LearningEvent>();
        var byId = assignments.DistinctBy(a => a.Id).ToDictionary(a => a.Id);
        var unknownAssignments = new SortedSet<long>();
        var unscaled = 0;
        foreach (var submission in submissions.Where(s => learners.ContainsKey(s.UserId)))
        {
            byId.TryGetValue(submission.AssignmentId, out var assignment);
            if (assignment is null)
            {
                unknownAssignments.Add(submission.AssignmentId);
            }
            var item = assignment is null ? _ids.ItemKey("assignment", submission.AssignmentId) : CanvasCatalogMapper.ItemKey(assignment, _ids);
            if (CanvasSubmissionMapper.Submitted(course.Id, submission, item, _ids, _options.Source) is { } submitted)
            {
                events.Add(submitted);
            }
            if (CanvasSubmissionMapper.Graded(course.Id, submission, item, assignment?.PointsPossible, _options.IncludeUnpostedGrades, _ids, _options.Source) is { } graded)
            {
                events.Add(graded);
                if (graded.Score is null)
                {
                    unscaled++;
                }
            }
        }

        pass.Catalog.AddRange(catalog);
        foreach (var (from, to) in aliases)
        {
            pass.Aliases[from] = to;
        }
        foreach (var enrollment in learners.Values)
        {
            pass.AddLearner(_ids, enrollment, courseId);
        }
        pass.Events.AddRange(events);
        if (unknownAssignments.Count > 0)
        {
            pass.Warnings.Add(new CanvasSyncWarning(courseId,
                $"Submissions name assignments the assignment list lacks ({string.Join(", ", unknownAssignments)}); they are credited to assignment:{{id}} and carry no score scale."));
        }
        if (unscaled > 0)
        {
            pass.Warnings.Add(new CanvasSyncWarning(courseId,
                $"{unscaled} grades are on assignments without points possible; their graded events carry no score."));
        }
        return (full, new CanvasCourseCursor(
            Since: pass.StartedAt - _options.CursorOverlap,
            FullPassAt: full ? pass.StartedAt : previous.FullPassAt));
    }

    /// <summary>What one pass gathers.</summary>
    private sealed class Pass(DateTimeOffset startedAt)
    {
        private readonly Dictionary<string, (CanvasEnrollment Enrollment, List<CourseId> Courses)> _learners = new(StringComparer.Ordinal);

        public DateTimeOffset StartedAt { get; } = startedAt;
        public List<CanvasSyncedCourse> Courses { get; } = [];
        public List<CatalogEntry> Catalog { get; } = [];
        public List<LearningEvent> Events { get; } = [];
        public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);
        public List<CanvasSyncWarning> Warnings { get; } = [];
        public List<CanvasSyncError> Errors { get; } = [];

        public void AddLearner(CanvasIds ids, CanvasEnrollment enrollment, CourseId course)
        {
            var key = ids.Normalize(enrollment.UserId);
            if (!_learners.TryGetValue(key, out var entry))
            {
                entry = (enrollment, []);
                _learners[key] = entry;
            }
            entry.Courses.Add(course);
        }

        public CanvasSyncResult Result(DateTimeOffset completedAt, CanvasSyncCursor cursor) => new()
        {
            StartedAt = StartedAt,
            CompletedAt = completedAt,
            Courses = Courses,
            Catalog = Catalog,
            Learners =
            [
                .. _learners.OrderBy(l => l.Value.Enrollment.UserId).Select(l => new CanvasLearner(
                    new LearnerId(l.Key),
                    l.Value.Enrollment.User?.Name,
                    l.Value.Enrollment.User?.SortableName,
                    NullIfEmpty(l.Value.Enrollment.User?.SisUserId),
                    NullIfEmpty(l.Value.Enrollment.User?.LoginId),
                    NullIfEmpty(l.Value.Enrollment.User?.Email),
                    l.Value.Courses)),
            ],
            // The submitted_since and graded_since reads overlap, and a pass may meet one fact twice; the journal
            // would drop the repeat, but the host's counts should not include it.
            Events = [.. Events.DistinctBy(e => e.Id)],
            ItemAliases = Aliases,
            Warnings = Warnings,
            Errors = Errors,
            Cursor = cursor,
        };

        private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
    }
}
