using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// Runs one sync pass of a Moodle connection: from a cursor to catalog entries, learners, events, warnings,
/// per-course errors and the next cursor.
/// </summary>
/// <remarks>
/// <para>A pass reads the site info (so a bad token or a missing function stops it before anything else), then
/// the courses, then each course in turn: contents (catalog), quizzes, enrolled users (learners), grades of all
/// users, completion and quiz attempts per learner, and assignment submissions since the cursor. Calls run one
/// at a time: Moodle sites are often small servers, and a burst from a poller competes with students.</para>
/// <para>Per-learner calls are the cost (one per learner, plus one per learner and quiz). When the token may
/// call <c>core_course_get_updates_since</c> and it reports nothing new since the last pass, they are skipped,
/// at most until <see cref="MoodleSyncOptions.FullRefreshInterval"/> has passed.</para>
/// <para>One course failing (a Moodle error, an <c>invalid_response_exception</c> from bad data on the site,
/// a reply that keeps failing) is recorded and the pass goes on with the others; that course's cursor stays
/// put. Only what concerns the whole connection stops the pass with an exception: an error of the token
/// (<see cref="MoodleException.IsConnectionError"/>), a failure of the site info or course list, or three
/// courses in a row with no usable answer (the site is down).</para>
/// </remarks>
public sealed class MoodleSync
{
    private const int ConsecutiveTransportFailuresThatStopAPass = 3;

    private readonly MoodleClient _client;
    private readonly MoodleSyncOptions _options;
    private readonly MoodleMinutesEstimate _estimate;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a sync for one connection.</summary>
    /// <exception cref="ArgumentException">The source is not a valid identifier.</exception>
    public MoodleSync(MoodleClient client, MoodleSyncOptions options, TimeProvider? timeProvider = null, ILogger<MoodleSync>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        Identifier.Require(options.Source, nameof(options.Source));
        _client = client;
        _options = options;
        _estimate = options.MinutesEstimate ?? MoodleMinutesEstimate.Default;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Runs one pass from <paramref name="cursor"/>.</summary>
    /// <exception cref="MoodleException">A connection-wide Moodle error (bad token, web services off, course list refused).</exception>
    /// <exception cref="MoodleTransportException">The site did not answer usably.</exception>
    public async Task<MoodleSyncResult> RunAsync(MoodleSyncCursor cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var startedAt = _time.GetUtcNow();
        var pass = new Pass(startedAt.ToUnixTimeSeconds(), (long)_options.CursorOverlap.TotalSeconds);

        var site = await _client.CheckSiteAsync(cancellationToken).ConfigureAwait(false);
        if (!site.CanSync)
        {
            foreach (var missing in site.MissingRequiredFunctions)
            {
                pass.Errors.Add(new MoodleSyncError(null, missing, "missingfunction",
                    $"The token's external service does not include {missing}; add it in Site administration > Server > Web services > External services."));
            }
            return pass.Result(site, startedAt, _time.GetUtcNow(), cursor.Courses, cursor.LastPassAt);
        }
        foreach (var missing in site.MissingOptionalFunctions)
        {
            pass.Warnings.Add(new MoodleSyncWarning(null, missing, new MoodleWarning
            {
                WarningCode = "functionunavailable",
                Message = $"The token cannot call {missing}; {WhatIsSkipped(missing)} are skipped.",
            }));
        }
        var available = site.AvailableFunctions;

        var courses = await _client.GetCoursesAsync(_options.CourseIds, cancellationToken).ConfigureAwait(false);
        pass.Warn(null, MoodleFunctions.GetCourses, courses.Warnings);

        var cursors = cursor.Courses.ToBuilder();
        var transportFailuresInARow = 0;
        foreach (var course in courses.Value)
        {
            // The front page is course 1 (format "site") on every stock site; it has no learners or grades.
            if (course.Id == site.SiteId || course.Format == "site")
            {
                continue;
            }
            var courseId = MoodleEventMapper.Course(course.Id);
            try
            {
                var (clean, polled, next) = await SyncCourseAsync(course, cursor.For(course.Id), site, available, pass, cancellationToken).ConfigureAwait(false);
                transportFailuresInARow = 0;
                pass.Courses.Add(new MoodleSyncedCourse(
                    courseId, course.ShortName, course.FullName, Time(course.StartDate), Time(course.EndDate), polled));
                if (clean)
                {
                    cursors[course.Id] = next;
                }
            }
            catch (MoodleException ex) when (!ex.IsConnectionError)
            {
                transportFailuresInARow = 0;
                _logger.LogWarning("Moodle course {Course} at {Site} failed in {Function}: {ErrorCode}", course.Id, _client.SiteUrl.Host, ex.Function, ex.ErrorCode);
                pass.Errors.Add(new MoodleSyncError(courseId, ex.Function, ex.ErrorCode, ex.Message));
            }
            catch (MoodleTransportException ex)
            {
                _logger.LogWarning("Moodle course {Course} at {Site} failed in {Function}: {Message}", course.Id, _client.SiteUrl.Host, ex.Function, ex.Message);
                pass.Errors.Add(new MoodleSyncError(courseId, ex.Function, "transport", ex.Message));
                if (++transportFailuresInARow >= ConsecutiveTransportFailuresThatStopAPass)
                {
                    throw;
                }
            }
        }
        return pass.Result(site, startedAt, _time.GetUtcNow(), cursors.ToImmutable(), startedAt);
    }

    private async Task<(bool Clean, bool PolledLearners, MoodleCourseCursor Next)> SyncCourseAsync(
        MoodleCourse course, MoodleCourseCursor previous, MoodleSiteCheck site, IReadOnlySet<string> available, Pass pass, CancellationToken ct)
    {
        var courseId = MoodleEventMapper.Course(course.Id);
        var errorsBefore = pass.Errors.Count;

        var contents = await _client.GetCourseContentsAsync(course.Id, ct).ConfigureAwait(false);
        pass.Warn(courseId, MoodleFunctions.GetCourseContents, contents.Warnings);
        var modules = contents.Value.SelectMany(s => s.Modules).ToList();

        var quizzes = new Dictionary<long, MoodleQuiz>();
        if (available.Contains(MoodleFunctions.GetQuizzesByCourses) && modules.Any(m => m.ModName == "quiz"))
        {
            var reply = await _client.GetQuizzesAsync([course.Id], ct).ConfigureAwait(false);
            pass.Warn(courseId, MoodleFunctions.GetQuizzesByCourses, reply.Warnings);
            foreach (var quiz in reply.Value.Where(q => q.Course == course.Id))
            {
                quizzes[quiz.Id] = quiz;
            }
        }

        var learners = await LearnersAsync(course, ct, pass).ConfigureAwait(false);
        var learnerIds = learners.Select(l => l.Id).ToHashSet();
        foreach (var learner in learners)
        {
            pass.AddLearner(learner, courseId);
        }

        // Grades of all users come in one call, so they are read on every pass.
        var grades = await _client.GetGradeItemsAsync(course.Id, 0, ct).ConfigureAwait(false);
        pass.Warn(courseId, MoodleFunctions.GetGradeItems, grades.Warnings);
        // Restrict-access conditions on a grade name the grade item; the catalog names the activity.
        var gradeItemModules = grades.Value.SelectMany(u => u.GradeItems)
            .Where(i => i.ItemType == "mod" && i.CmId is not null)
            .DistinctBy(i => i.Id)
            .ToDictionary(i => i.Id, i => i.CmId!.Value);
        pass.Catalog.AddRange(MoodleCatalogMapper.Map(course.Id, contents.Value, quizzes, _estimate, gradeItemModules, course.FullName));
        foreach (var user in grades.Value.Where(u => learnerIds.Contains(u.UserId)))
        {
            foreach (var item in user.GradeItems)
            {
                pass.Add(MoodleEventMapper.Grade(course.Id, user.UserId, item, _options.Source));
            }
        }

        var pollLearners = await NeedsLearnerPassAsync(course, previous, available, pass, ct).ConfigureAwait(false);
        if (pollLearners)
        {
            var attemptsFunction = available.Contains(MoodleFunctions.GetUserQuizAttempts) ? MoodleFunctions.GetUserQuizAttempts
                : available.Contains(MoodleFunctions.GetUserAttempts) ? MoodleFunctions.GetUserAttempts
                : null;
            var quizModules = attemptsFunction is null
                ? []
                : modules.Where(m => m.ModName == "quiz" && quizzes.ContainsKey(m.Instance)).ToList();
            foreach (var learner in learners)
            {
                await PerLearnerAsync(courseId, learner.Id, MoodleFunctions.GetActivitiesCompletionStatus, pass, async () =>
                {
                    var completion = await _client.GetActivitiesCompletionAsync(course.Id, learner.Id, ct).ConfigureAwait(false);
                    pass.Warn(courseId, MoodleFunctions.GetActivitiesCompletionStatus, completion.Warnings);
                    foreach (var status in completion.Value)
                    {
                        pass.Add(MoodleEventMapper.Completion(course.Id, learner.Id, status, _options.Source));
                    }
                }).ConfigureAwait(false);
                foreach (var module in quizModules)
                {
                    await PerLearnerAsync(courseId, learner.Id, attemptsFunction!, pass, async () =>
                    {
                        var quiz = quizzes[module.Instance];
                        var attempts = await _client.GetQuizAttemptsAsync(quiz.Id, learner.Id, attemptsFunction!, ct).ConfigureAwait(false);
                        pass.Warn(courseId, attemptsFunction!, attempts.Warnings);
                        foreach (var attempt in attempts.Value)
                        {
                            pass.Events.AddRange(MoodleEventMapper.QuizAttempt(course.Id, module.Id, quiz, attempt, _options.Source));
                        }
                    }).ConfigureAwait(false);
                }
            }
        }

        var submissionsSince = previous.SubmissionsSince;
        var assignments = modules.Where(m => m.ModName == "assign").ToDictionary(m => m.Instance, m => m.Id);
        if (available.Contains(MoodleFunctions.GetAssignmentSubmissions) && assignments.Count > 0)
        {
            var reply = await _client.GetAssignmentSubmissionsAsync(assignments.Keys, previous.SubmissionsSince, ct).ConfigureAwait(false);
            pass.Warn(courseId, MoodleFunctions.GetAssignmentSubmissions, reply.Warnings);
            foreach (var assignment in reply.Value)
            {
                if (!assignments.TryGetValue(assignment.AssignmentId, out var cmId))
                {
                    continue;
                }
                foreach (var submission in assignment.Submissions.Where(s => learnerIds.Contains(s.UserId)))
                {
                    pass.Add(MoodleEventMapper.Submission(course.Id, cmId, submission, _options.Source));
                }
            }
            submissionsSince = pass.NextSince;
        }

        var next = new MoodleCourseCursor(
            UpdatesSince: pass.NextSince,
            SubmissionsSince: submissionsSince,
            FullPassAt: pollLearners ? pass.Now : previous.FullPassAt);
        return (pass.Errors.Count == errorsBefore, pollLearners, next);
    }

    private async Task<bool> NeedsLearnerPassAsync(
        MoodleCourse course, MoodleCourseCursor previous, IReadOnlySet<string> available, Pass pass, CancellationToken ct)
    {
        if (previous.FullPassAt <= 0 || previous.UpdatesSince <= 0
            || pass.Now - previous.FullPassAt >= (long)_options.FullRefreshInterval.TotalSeconds
            || !available.Contains(MoodleFunctions.GetCourseUpdatesSince)
            || course.TimeModified >= previous.UpdatesSince)
        {
            return true;
        }
        var updates = await _client.GetCourseUpdatesSinceAsync(course.Id, previous.UpdatesSince, ct).ConfigureAwait(false);
        pass.Warn(MoodleEventMapper.Course(course.Id), MoodleFunctions.GetCourseUpdatesSince, updates.Warnings);
        return updates.Value.Any(i => i.Updates.Count > 0);
    }

    private async Task<IReadOnlyList<EnrolledLearner>> LearnersAsync(MoodleCourse course, CancellationToken ct, Pass pass)
    {
        var courseId = MoodleEventMapper.Course(course.Id);
        var pageSize = Math.Max(1, _options.EnrolledUsersPageSize);
        var learners = new List<EnrolledLearner>();
        for (var from = 0; ; from += pageSize)
        {
            var page = await _client.GetEnrolledUsersAsync(course.Id, from, pageSize, ct).ConfigureAwait(false);
            pass.Warn(courseId, MoodleFunctions.GetEnrolledUsers, page.Warnings);
            foreach (var user in page.Value)
            {
                if (user.Roles is null || user.Roles.Count == 0 || user.Roles.Any(r => _options.LearnerRoles.Contains(r.ShortName)))
                {
                    learners.Add(new EnrolledLearner(user.Id, user));
                }
            }
            if (page.Value.Count < pageSize)
            {
                return learners;
            }
        }
    }

    // One learner's call failing (a user unenrolled mid-pass, a capability missing in one group) costs that
    // learner's events, not the course's; the course's cursor then stays put so the next pass tries again.
    private async Task PerLearnerAsync(CourseId course, long userId, string function, Pass pass, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (MoodleException ex) when (!ex.IsConnectionError)
        {
            pass.Errors.Add(new MoodleSyncError(course, ex.Function, ex.ErrorCode, ex.Message, userId));
        }
    }

    private static string WhatIsSkipped(string function) => function switch
    {
        MoodleFunctions.GetCourseUpdatesSince => "cheap passes for quiet courses (every pass polls every learner)",
        MoodleFunctions.GetAssignmentSubmissions => "assignment submissions",
        MoodleFunctions.GetQuizzesByCourses => "quiz attempts, close dates and time limits",
        _ => "quiz attempts",
    };

    private static DateTimeOffset? Time(long unixSeconds) => unixSeconds > 0 ? DateTimeOffset.FromUnixTimeSeconds(unixSeconds) : null;

    private sealed record EnrolledLearner(long Id, MoodleEnrolledUser User);

    /// <summary>What one pass gathers.</summary>
    private sealed class Pass(long now, long overlapSeconds)
    {
        private readonly Dictionary<long, (MoodleEnrolledUser User, List<CourseId> Courses)> _learners = [];

        public long Now { get; } = now;
        public long NextSince { get; } = Math.Max(0, now - overlapSeconds);
        public List<MoodleSyncedCourse> Courses { get; } = [];
        public List<CatalogEntry> Catalog { get; } = [];
        public List<LearningEvent> Events { get; } = [];
        public List<MoodleSyncWarning> Warnings { get; } = [];
        public List<MoodleSyncError> Errors { get; } = [];

        public void Add(LearningEvent? learningEvent)
        {
            if (learningEvent is not null)
            {
                Events.Add(learningEvent);
            }
        }

        public void Warn(CourseId? course, string function, IReadOnlyList<MoodleWarning> warnings) =>
            Warnings.AddRange(warnings.Select(w => new MoodleSyncWarning(course, function, w)));

        public void AddLearner(EnrolledLearner learner, CourseId course)
        {
            if (!_learners.TryGetValue(learner.Id, out var entry))
            {
                entry = (learner.User, []);
                _learners[learner.Id] = entry;
            }
            entry.Courses.Add(course);
        }

        public MoodleSyncResult Result(
            MoodleSiteCheck site, DateTimeOffset startedAt, DateTimeOffset completedAt,
            ImmutableDictionary<long, MoodleCourseCursor> cursors, DateTimeOffset? lastPassAt) => new()
        {
            Site = site,
            StartedAt = startedAt,
            CompletedAt = completedAt,
            Courses = Courses,
            Catalog = Catalog,
            Learners =
            [
                .. _learners.OrderBy(l => l.Key).Select(l => new MoodleLearner(
                    MoodleEventMapper.Learner(l.Key), l.Value.User.UserName, l.Value.User.FullName,
                    NullIfEmpty(l.Value.User.Email), NullIfEmpty(l.Value.User.IdNumber), l.Value.Courses)),
            ],
            // A pass may meet one fact twice (a course listed twice, a retried page); the journal would drop the
            // repeat, but the host's counts should not include it.
            Events = [.. Events.DistinctBy(e => e.Id)],
            Warnings = Warnings,
            Errors = Errors,
            Cursor = new MoodleSyncCursor(cursors, lastPassAt),
        };

        private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
    }
}
