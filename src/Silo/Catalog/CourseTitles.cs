using System.Collections.Concurrent;
using Attune.Silo.Database;
using Attune.Silo.Journal;

namespace Attune.Silo.Catalog;

/// <summary>
/// Course titles as the LMS names them (Moodle's full name, Canvas's course name), beside the catalog, so reasons say
/// "Biology 101" rather than "4". Cached per silo: titles change rarely and reasons are on the recommendation path.
/// </summary>
public sealed class CourseTitles(EventJournal journal, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Tenant, string Course), string> _cache = new();

    public void Upsert(TenantId tenant, CourseId course, string? title, string? shortName)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.Command("""
            INSERT INTO catalog_courses (tenant, course, title, short_name, updated_at) VALUES (@t, @c, @title, @short, @now)
            ON CONFLICT (tenant, course) DO UPDATE SET title = excluded.title, short_name = excluded.short_name, updated_at = excluded.updated_at
            """);
        cmd.Add("@t", tenant.Value).Add("@c", course.Value).Add("@title", title).Add("@short", shortName).Add("@now", clock.GetUtcNow().UtcTicks);
        cmd.ExecuteNonQuery();
        _cache.TryRemove((tenant.Value, course.Value), out _);
    }

    /// <summary>The course's title, or <c>null</c> when no LMS or admin named it.</summary>
    public string? Find(TenantId tenant, CourseId course)
    {
        if (_cache.TryGetValue((tenant.Value, course.Value), out var cached))
        {
            return cached;
        }
        using var connection = journal.Database.Open();
        using var cmd = connection.Command("SELECT title FROM catalog_courses WHERE tenant = @t AND course = @c");
        cmd.Add("@t", tenant.Value).Add("@c", course.Value);
        var title = cmd.ExecuteScalar() as string;
        // Only titles are cached: a course another silo's sync names later must not stay untitled here.
        if (!string.IsNullOrWhiteSpace(title))
        {
            _cache[(tenant.Value, course.Value)] = title;
        }
        return string.IsNullOrWhiteSpace(title) ? null : title;
    }
}
