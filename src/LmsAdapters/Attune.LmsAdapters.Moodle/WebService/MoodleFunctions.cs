namespace Attune.LmsAdapters.Moodle;

/// <summary>The Moodle web-service functions Attune calls (shapes in LMS-NOTES §1b).</summary>
public static class MoodleFunctions
{
    /// <summary>Site name, release, token user and the functions the token may call.</summary>
    public const string GetSiteInfo = "core_webservice_get_site_info";
    /// <summary>Courses (a bare array).</summary>
    public const string GetCourses = "core_course_get_courses";
    /// <summary>A course's sections and modules (a bare array).</summary>
    public const string GetCourseContents = "core_course_get_contents";
    /// <summary>A course's enrolled users (a bare array).</summary>
    public const string GetEnrolledUsers = "core_enrol_get_enrolled_users";
    /// <summary>One user's activity completion in a course.</summary>
    public const string GetActivitiesCompletionStatus = "core_completion_get_activities_completion_status";
    /// <summary>Grade items of a course for one or all users.</summary>
    public const string GetGradeItems = "gradereport_user_get_grade_items";
    /// <summary>What changed in a course since a time, as the token user sees it.</summary>
    public const string GetCourseUpdatesSince = "core_course_get_updates_since";
    /// <summary>Assignment submissions, modified since a time.</summary>
    public const string GetAssignmentSubmissions = "mod_assign_get_submissions";
    /// <summary>Quizzes of courses (close time, time limit, total marks).</summary>
    public const string GetQuizzesByCourses = "mod_quiz_get_quizzes_by_courses";
    /// <summary>One user's attempts at a quiz; deprecated in Moodle 5.0 for <see cref="GetUserQuizAttempts"/>.</summary>
    public const string GetUserAttempts = "mod_quiz_get_user_attempts";
    /// <summary>The Moodle 5.0 name of <see cref="GetUserAttempts"/>, same shape.</summary>
    public const string GetUserQuizAttempts = "mod_quiz_get_user_quiz_attempts";

    /// <summary>Without these a sync cannot run: catalog, learners, completion and grades.</summary>
    public static IReadOnlyList<string> Required { get; } =
        [GetSiteInfo, GetCourses, GetCourseContents, GetEnrolledUsers, GetActivitiesCompletionStatus, GetGradeItems];

    /// <summary>
    /// Each adds something when the token has it: cheaper passes for quiet courses, assignment submissions,
    /// quiz attempts. A sync without them skips that part and says so in its warnings. Quiz attempts need
    /// <see cref="GetQuizzesByCourses"/> and either attempts function.
    /// </summary>
    public static IReadOnlyList<string> Optional { get; } =
        [GetCourseUpdatesSince, GetAssignmentSubmissions, GetQuizzesByCourses, GetUserAttempts];
}
