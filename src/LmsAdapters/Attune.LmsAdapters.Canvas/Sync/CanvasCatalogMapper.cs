namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// Turns a course's modules and assignments into catalog entries keyed as <see cref="CanvasIds"/> describes:
/// every published module item that shows something (SubHeaders are headings), then every published assignment
/// no module shows (many Canvas courses use no modules at all). Items in two modules appear once.
/// </summary>
public static class CanvasCatalogMapper
{
    /// <summary>The item key of a module item, or <c>null</c> for a SubHeader or an item naming no content.</summary>
    /// <remarks>An external URL or tool is keyed by the module item: a tool id is shared by every link that launches it.</remarks>
    public static string? ItemKey(CanvasModuleItem item, CanvasIds ids)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(ids);
        return item.Type switch
        {
            "Assignment" or "Quiz" or "Page" or "Discussion" or "File" when item.ContentId is > 0 => ids.ItemKey(item.Type, item.ContentId.Value),
            "ExternalUrl" or "ExternalTool" => ids.ItemKey("module_item", item.Id),
            _ => null,
        };
    }

    /// <summary>
    /// The item key of an assignment: the classic quiz (<c>quiz:{id}</c>) or graded discussion
    /// (<c>discussion_topic:{id}</c>) behind it when there is one, as the module item and the Live Events name that
    /// item, else <c>assignment:{id}</c>.
    /// </summary>
    public static string ItemKey(CanvasAssignment assignment, CanvasIds ids)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(ids);
        return assignment.QuizId is > 0 ? ids.ItemKey("quiz", assignment.QuizId.Value)
            : assignment.DiscussionTopic is { Id: > 0 } topic ? ids.ItemKey("discussion_topic", topic.Id)
            : ids.ItemKey("assignment", assignment.Id);
    }

    /// <summary>The <c>assignment:{id}</c> → other key pairs of a course's quiz and discussion assignments.</summary>
    public static IReadOnlyDictionary<string, string> ItemAliases(IEnumerable<CanvasAssignment> assignments, CanvasIds ids) =>
        assignments
            .Select(a => (From: ids.ItemKey("assignment", a.Id), To: ItemKey(a, ids)))
            .Where(p => p.From != p.To)
            .DistinctBy(p => p.From)
            .ToDictionary(p => p.From, p => p.To, StringComparer.Ordinal);

    /// <summary>Maps a course's modules and assignments.</summary>
    public static IReadOnlyList<CatalogEntry> Map(
        long courseId,
        IEnumerable<CanvasModule> modules,
        IEnumerable<CanvasAssignment> assignments,
        CanvasMinutesEstimate estimate,
        CanvasIds ids)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(ids);
        var course = new CourseId(ids.Normalize(courseId));
        var byKey = new Dictionary<string, CanvasAssignment>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            byKey.TryAdd(ItemKey(assignment, ids), assignment);
            byKey.TryAdd(ids.ItemKey("assignment", assignment.Id), assignment);
        }

        var entries = new List<CatalogEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Published is null when the token may not see it (a student's view shows only published items).
        foreach (var module in modules.Where(m => m.Published != false).OrderBy(m => m.Position))
        {
            foreach (var item in (module.Items ?? []).Where(i => i.Published != false).OrderBy(i => i.Position))
            {
                if (ItemKey(item, ids) is not { } key || !seen.Add(key))
                {
                    continue;
                }
                byKey.TryGetValue(key, out var assignment);
                var kind = item.Type.ToLowerInvariant();
                entries.Add(new CatalogEntry(
                    course,
                    new ItemId(key),
                    Title: string.IsNullOrWhiteSpace(item.Title) ? assignment?.Name : item.Title,
                    Kind: kind,
                    EstimatedMinutes: estimate.For(kind),
                    DueAt: assignment?.DueAt ?? item.ContentDetails?.DueAt));
            }
        }
        foreach (var assignment in assignments.Where(a => a.Published != false))
        {
            var key = ItemKey(assignment, ids);
            if (!seen.Add(key))
            {
                continue;
            }
            var kind = assignment.QuizId is > 0 ? "quiz" : assignment.DiscussionTopic is { Id: > 0 } ? "discussion" : "assignment";
            entries.Add(new CatalogEntry(
                course,
                new ItemId(key),
                Title: string.IsNullOrWhiteSpace(assignment.Name) ? null : assignment.Name,
                Kind: kind,
                EstimatedMinutes: estimate.For(kind),
                DueAt: assignment.DueAt));
        }
        return entries;
    }
}
