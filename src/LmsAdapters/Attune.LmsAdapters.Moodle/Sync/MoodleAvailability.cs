using System.Text.Json;

namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// Reads Moodle's restrict-access conditions (the <c>availability</c> JSON of a course module: a tree of
/// <c>{"op", "c":[…]}</c> nodes over conditions such as <c>{"type":"completion","cm":7,"e":1}</c> and
/// <c>{"type":"grade","id":6,"min":50}</c>) into the activities a learner must finish first.
/// </summary>
/// <remarks>
/// Only what must hold is taken: conditions of an all-of (<c>&amp;</c>) tree and its all-of subtrees, a completion
/// condition that expects the other activity complete or passed (<c>e</c> 1 or 2), a grade condition on another
/// activity's grade item. An any-of (<c>|</c>) tree, a negated tree (<c>!&amp;</c>, <c>!|</c>) and conditions on dates,
/// groups or profile fields state no prerequisite. JSON that does not parse states none either.
/// </remarks>
public static class MoodleAvailability
{
    /// <summary>The course-module ids the conditions require finished, in the order they appear.</summary>
    /// <param name="availability">The module's <c>availability</c>, or <c>null</c>.</param>
    /// <param name="gradeItemModules">Grade item id → course-module id (grade conditions name grade items).</param>
    public static IReadOnlyList<long> Prerequisites(string? availability, IReadOnlyDictionary<long, long> gradeItemModules)
    {
        ArgumentNullException.ThrowIfNull(gradeItemModules);
        if (string.IsNullOrWhiteSpace(availability))
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(availability);
            var found = new List<long>();
            Collect(document.RootElement, gradeItemModules, found);
            return [.. found.Distinct()];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static void Collect(JsonElement node, IReadOnlyDictionary<long, long> gradeItemModules, List<long> found)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (node.TryGetProperty("c", out var children) && children.ValueKind == JsonValueKind.Array)
        {
            if (!node.TryGetProperty("op", out var op) || op.GetString() != "&")
            {
                return;
            }
            foreach (var child in children.EnumerateArray())
            {
                Collect(child, gradeItemModules, found);
            }
            return;
        }
        var type = node.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == "completion" && Long(node, "cm") is { } cm && cm > 0 && Long(node, "e") is 1 or 2)
        {
            found.Add(cm);
        }
        else if (type == "grade" && Long(node, "id") is { } item && gradeItemModules.TryGetValue(item, out var module))
        {
            found.Add(module);
        }
    }

    private static long? Long(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
