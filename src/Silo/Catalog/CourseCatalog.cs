using System.Collections.Concurrent;
using System.Text.Json;
using Attune.Silo.Hosting;
using Attune.Silo.Database;
using Attune.Silo.Journal;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Catalog;

/// <summary>
/// Reads and writes course catalogs in the journal database, and serves <see cref="CourseSnapshot"/>s to
/// learner grains from a short-lived cache so a recommendation costs no query in the steady state.
/// </summary>
public sealed class CourseCatalog(EventJournal journal, TimeProvider clock, IOptions<AttuneOptions> options)
{
    private const char SkillSeparator = '\u001f';
    private static readonly JsonSerializerOptions StructureJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
    private readonly ConcurrentDictionary<(string Tenant, string Course), (CourseSnapshot Snapshot, long LoadedAt)> _cache = new();
    private readonly TimeSpan _cacheTime = options.Value.Learners.CatalogCacheTime;

    /// <summary>Inserts or replaces items of one course in one transaction; returns how many were new.</summary>
    public int Upsert(TenantId tenant, CourseId course, IReadOnlyList<CatalogItem> items)
    {
        using var connection = journal.Database.Open();
        using var tx = connection.BeginTransaction();
        var created = 0;
        using (var exists = connection.CreateCommand())
        using (var upsert = connection.CreateCommand())
        {
            exists.Transaction = tx;
            exists.CommandText = "SELECT 1 FROM catalog_items WHERE tenant = @t AND course = @c AND item = @i";
            upsert.Transaction = tx;
            upsert.CommandText = """
                INSERT INTO catalog_items (tenant, course, item, title, kind, minutes, skills, due_at, updated_at, structure)
                VALUES (@t, @c, @i, @title, @kind, @minutes, @skills, @due, @now, @structure)
                ON CONFLICT (tenant, course, item) DO UPDATE SET
                    title = excluded.title, kind = excluded.kind, minutes = excluded.minutes,
                    skills = excluded.skills, due_at = excluded.due_at, updated_at = excluded.updated_at,
                    structure = excluded.structure
                """;
            var now = clock.GetUtcNow().UtcTicks;
            foreach (var item in items)
            {
                exists.Parameters.Clear();
                exists.Add("@t", tenant.Value);
                exists.Add("@c", course.Value);
                exists.Add("@i", item.Id);
                if (exists.ExecuteScalar() is null)
                {
                    created++;
                }
                upsert.Parameters.Clear();
                upsert.Add("@t", tenant.Value);
                upsert.Add("@c", course.Value);
                upsert.Add("@i", item.Id);
                upsert.Add("@title", (object?)item.Title ?? DBNull.Value);
                upsert.Add("@kind", (object?)item.Kind ?? DBNull.Value);
                upsert.Add("@minutes", (object?)item.EstimatedMinutes ?? DBNull.Value);
                upsert.Add("@skills", item.Skills.Count == 0 ? DBNull.Value : string.Join(SkillSeparator, item.Skills));
                upsert.Add("@due", (object?)item.DueAt?.UtcTicks ?? DBNull.Value);
                upsert.Add("@now", now);
                upsert.Add("@structure", JsonSerializer.Serialize(item.Structure, StructureJson));
                upsert.ExecuteNonQuery();
            }
        }
        tx.Commit();
        _cache.TryRemove((tenant.Value, course.Value), out _);
        return created;
    }

    /// <summary>The catalog items of a course, for the API.</summary>
    public List<CatalogItem> ListItems(TenantId tenant, CourseId course)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT item, title, kind, minutes, skills, due_at, structure FROM catalog_items
            WHERE tenant = @t AND course = @c ORDER BY item
            """;
        cmd.Add("@t", tenant.Value);
        cmd.Add("@c", course.Value);
        var items = new List<CatalogItem>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            items.Add(new CatalogItem(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.IsDBNull(4) ? [] : reader.GetString(4).Split(SkillSeparator),
                reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero))
                .WithStructure(ReadStructure(reader, 6)));
        }
        return items.OrderBy(i => i.Position ?? int.MaxValue).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every catalog entry of a tenant, structure included, for training (<see cref="Attune.Plugins.TrainingRequest.Catalog"/>).</summary>
    public List<CatalogEntry> ListTenant(TenantId tenant)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT course, item, title, kind, minutes, skills, due_at, structure FROM catalog_items
            WHERE tenant = @t ORDER BY course, item
            """;
        cmd.Add("@t", tenant.Value);
        var entries = new List<CatalogEntry>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var s = ReadStructure(reader, 7) ?? CatalogStructure.None;
            entries.Add(new CatalogEntry(
                new CourseId(reader.GetString(0)),
                new ItemId(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.IsDBNull(5) ? [] : reader.GetString(5).Split(SkillSeparator).Select(k => new SkillId(k)).ToArray(),
                reader.IsDBNull(6) ? null : new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero))
            {
                Section = s.Section,
                Position = s.Position,
                Prerequisites = s.Prerequisites?.Select(p => new ItemId(p)).ToArray() ?? [],
                PrerequisiteSkills = s.PrerequisiteSkills?.Select(k => new SkillId(k)).ToArray() ?? [],
                Completion = s.Completion?.ToRule(),
                Url = s.Url is { } url ? new Uri(url) : null,
                Recommendable = s.Recommendable,
            });
        }
        return entries;
    }

    /// <summary>The course as recommendations see it, at most <c>Attune:Learners:CatalogCacheTime</c> old.</summary>
    public CourseSnapshot GetSnapshot(TenantId tenant, CourseId course)
    {
        var key = (tenant.Value, course.Value);
        var now = clock.GetTimestamp();
        if (_cache.TryGetValue(key, out var cached) && clock.GetElapsedTime(cached.LoadedAt, now) < _cacheTime)
        {
            return cached.Snapshot;
        }
        var snapshot = LoadSnapshot(tenant.Value, course.Value);
        _cache[key] = (snapshot, now);
        return snapshot;
    }

    private CourseSnapshot LoadSnapshot(string tenant, string course)
    {
        using var connection = journal.Database.Open();
        using var tx = journal.Database.BeginSnapshotRead(connection); // one consistent read across the three tables
        int learners;
        using (var count = connection.CreateCommand())
        {
            count.Transaction = tx;
            count.CommandText = "SELECT COUNT(*) FROM course_learners WHERE tenant = @t AND course = @c";
            count.Add("@t", tenant);
            count.Add("@c", course);
            learners = Convert.ToInt32(count.ExecuteScalar());
        }
        var items = new Dictionary<string, CourseItem>(StringComparer.Ordinal);
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = """
                SELECT c.item, c.title, c.minutes, c.due_at, e.learners, e.seconds, 1, c.kind, c.skills, c.structure
                FROM catalog_items c
                LEFT JOIN course_items_engagement e ON e.tenant = c.tenant AND e.course = c.course AND e.item = c.item
                WHERE c.tenant = @t AND c.course = @c
                UNION ALL
                SELECT e.item, NULL, NULL, NULL, e.learners, e.seconds, 0, NULL, NULL, NULL
                FROM course_items_engagement e
                WHERE e.tenant = @t AND e.course = @c
                  AND NOT EXISTS (SELECT 1 FROM catalog_items c WHERE c.tenant = e.tenant AND c.course = e.course AND c.item = e.item)
                """;
            cmd.Add("@t", tenant);
            cmd.Add("@c", course);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var engaged = reader.IsDBNull(4) ? 0 : (int)reader.GetInt64(4);
                var seconds = reader.IsDBNull(5) ? 0 : reader.GetDouble(5);
                var id = reader.GetString(0);
                items[id] = new CourseItem(
                    id,
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(2) ? null : reader.GetDouble(2),
                    reader.IsDBNull(8) ? [] : reader.GetString(8).Split(SkillSeparator).Select(s => new SkillId(s)).ToArray(),
                    reader.IsDBNull(3) ? null : new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                    engaged,
                    engaged > 0 && seconds > 0 ? seconds / 60.0 / engaged : null,
                    InCatalog: reader.GetInt64(6) == 1)
                {
                    Structure = ReadStructure(reader, 9) ?? CatalogStructure.None,
                };
            }
        }
        tx.Commit();
        // The course's own order: positioned items first, by position, then the rest by id.
        return new CourseSnapshot(course, learners, items.Values
            .OrderBy(i => i.Structure.Position ?? int.MaxValue).ThenBy(i => i.Id, StringComparer.Ordinal).ToList());
    }

    private static CatalogStructure? ReadStructure(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : JsonSerializer.Deserialize<CatalogStructure>(reader.GetString(ordinal), StructureJson);
}
