namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// Turns a course's modules and assignments into catalog entries keyed as <see cref="CanvasIds"/> describes:
/// every published module item that shows something (SubHeaders are headings), then every published assignment
/// no module shows (many Canvas courses use no modules at all). Items in two modules appear once. Module items carry
/// their module (as section), their place in module then item order, the items of the modules their module requires
/// (<c>prerequisite_module_ids</c>) and, with <c>require_sequential_progress</c>, the item before them, their completion
/// requirement and their URL; assignments no module shows have no place in the course's order.
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
        var published = modules.Where(m => m.Published != false).OrderBy(m => m.Position).ToList();
        var moduleItems = new Dictionary<long, List<ItemId>>();
        var position = 0;
        foreach (var module in published)
        {
            var inModule = moduleItems[module.Id] = [];
            // Items of the modules this one requires (those already placed: Canvas lets a module require only earlier ones).
            IReadOnlyList<ItemId> required = [.. (module.PrerequisiteModuleIds ?? [])
                .SelectMany(m => moduleItems.TryGetValue(m, out var items) ? items : [])];
            foreach (var item in (module.Items ?? []).Where(i => i.Published != false).OrderBy(i => i.Position))
            {
                if (ItemKey(item, ids) is not { } key || !seen.Add(key))
                {
                    continue;
                }
                byKey.TryGetValue(key, out var assignment);
                var kind = item.Type.ToLowerInvariant();
                // With sequential progress each item waits for the one before it in the module.
                IReadOnlyList<ItemId> previous = module.RequireSequentialProgress == true && inModule.Count > 0 ? [inModule[^1]] : [];
                entries.Add(new CatalogEntry(
                    course,
                    new ItemId(key),
                    Title: string.IsNullOrWhiteSpace(item.Title) ? assignment?.Name : item.Title,
                    Kind: kind,
                    EstimatedMinutes: estimate.For(kind),
                    DueAt: assignment?.DueAt ?? item.ContentDetails?.DueAt)
                {
                    Section = string.IsNullOrWhiteSpace(module.Name) ? null : module.Name,
                    Position = ++position,
                    Prerequisites = [.. required.Concat(previous).Distinct()],
                    Completion = Completion(item.CompletionRequirement, item.ContentDetails?.PointsPossible ?? assignment?.PointsPossible),
                    Url = Uri.TryCreate(item.HtmlUrl, UriKind.Absolute, out var url) ? url : null,
                });
                inModule.Add(new ItemId(key));
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

    /// <summary>
    /// A module item's completion requirement as a rule: <c>must_view</c> view, <c>must_submit</c> and
    /// <c>must_contribute</c> submit, <c>must_mark_done</c> manual, <c>min_score</c> pass with the score as a share of
    /// the points possible (unknown points leave the share out).
    /// </summary>
    private static CompletionRule? Completion(CanvasCompletionRequirement? requirement, double? pointsPossible) => requirement?.Type switch
    {
        "must_view" => new CompletionRule(CompletionKind.View),
        "must_submit" or "must_contribute" => new CompletionRule(CompletionKind.Submit),
        "must_mark_done" => new CompletionRule(CompletionKind.Manual),
        "min_score" => new CompletionRule(CompletionKind.Pass,
            requirement.MinScore is { } min && pointsPossible is > 0 ? Math.Clamp(min / pointsPossible.Value, 0, 1) : null),
        _ => null,
    };
}
