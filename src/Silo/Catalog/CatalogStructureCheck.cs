namespace Attune.Silo.Catalog;

/// <summary>
/// Checks a course's structure after an upsert would apply: every prerequisite names an item of the course, no item
/// or skill rests on itself, and neither the item prerequisites nor the skill prerequisites they imply form a cycle
/// (a cycle would make every item on it unreachable for a planner that honours prerequisites).
/// </summary>
public static class CatalogStructureCheck
{
    /// <summary>
    /// The problems with <paramref name="incoming"/> (index into it, field, message) once it replaces the same ids of
    /// <paramref name="existing"/>; empty when the course's structure stays sound.
    /// </summary>
    public static IReadOnlyList<(int Index, string Field, string Message)> Problems(
        string course, IReadOnlyList<CatalogItem> existing, IReadOnlyList<CatalogItem> incoming)
    {
        var problems = new List<(int, string, string)>();
        var items = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        foreach (var item in existing)
        {
            items[item.Id] = item;
        }
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < incoming.Count; i++)
        {
            items[incoming[i].Id] = incoming[i];
            indexOf[incoming[i].Id] = i;
        }

        for (var i = 0; i < incoming.Count; i++)
        {
            var item = incoming[i];
            foreach (var pre in item.Prerequisites)
            {
                if (pre == item.Id)
                {
                    problems.Add((i, "prerequisites", $"'{pre}' is the item itself"));
                }
                else if (!items.ContainsKey(pre))
                {
                    problems.Add((i, "prerequisites", $"'{pre}' is not an item of course '{course}'"));
                }
            }
            foreach (var skill in item.PrerequisiteSkills)
            {
                if (item.Skills.Contains(skill, StringComparer.Ordinal))
                {
                    problems.Add((i, "prerequisiteSkills", $"'{skill}' is a skill the item itself teaches"));
                }
            }
        }
        if (problems.Count > 0)
        {
            return problems;
        }

        // Item cycles: a path back to an item through its prerequisites.
        var itemEdges = items.Values.ToDictionary(i => i.Id, i => (IEnumerable<string>)i.Prerequisites, StringComparer.Ordinal);
        if (FindCycle(itemEdges) is { } itemCycle)
        {
            var at = itemCycle.FirstOrDefault(indexOf.ContainsKey) ?? itemCycle[0];
            problems.Add((indexOf.GetValueOrDefault(at, 0), "prerequisites", $"form a cycle: {string.Join(" → ", Rotate(itemCycle, at))} → {at}"));
            return problems;
        }

        // Skill cycles: an item teaching s that rests on p says s needs p.
        var skillEdges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var skillSource = new Dictionary<(string, string), string>();
        foreach (var item in items.Values)
        {
            foreach (var skill in item.Skills)
            {
                foreach (var pre in item.PrerequisiteSkills)
                {
                    if (!skillEdges.TryGetValue(skill, out var set))
                    {
                        skillEdges[skill] = set = new HashSet<string>(StringComparer.Ordinal);
                    }
                    set.Add(pre);
                    if (!skillSource.ContainsKey((skill, pre)) || indexOf.ContainsKey(item.Id))
                    {
                        skillSource[(skill, pre)] = item.Id;
                    }
                }
            }
        }
        if (FindCycle(skillEdges.ToDictionary(e => e.Key, e => (IEnumerable<string>)e.Value, StringComparer.Ordinal)) is { } skillCycle)
        {
            var edges = skillCycle.Select((s, k) => (s, skillCycle[(k + 1) % skillCycle.Count])).ToList();
            var blamed = edges.Select(e => skillSource[e]).FirstOrDefault(indexOf.ContainsKey) ?? skillSource[edges[0]];
            problems.Add((indexOf.GetValueOrDefault(blamed, 0), "prerequisiteSkills",
                $"make skills rest on themselves: {string.Join(" needs ", skillCycle)} needs {skillCycle[0]}"));
        }
        return problems;
    }

    /// <summary>A cycle in the graph, as the nodes on it in edge order, or <c>null</c>. Iterative, so deep chains cannot overflow the stack.</summary>
    private static List<string>? FindCycle(IReadOnlyDictionary<string, IEnumerable<string>> edges)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        foreach (var start in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (state.ContainsKey(start))
            {
                continue;
            }
            var path = new List<string>();
            var stack = new Stack<(string Node, IEnumerator<string> Next)>();
            stack.Push((start, Next(edges, start)));
            state[start] = 1;
            path.Add(start);
            while (stack.Count > 0)
            {
                var (node, next) = stack.Peek();
                if (!next.MoveNext())
                {
                    stack.Pop();
                    state[node] = 2;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }
                var to = next.Current;
                if (state.TryGetValue(to, out var s))
                {
                    if (s == 1)
                    {
                        return path.Skip(path.IndexOf(to)).ToList();
                    }
                    continue;
                }
                state[to] = 1;
                path.Add(to);
                stack.Push((to, Next(edges, to)));
            }
        }
        return null;
    }

    private static IEnumerator<string> Next(IReadOnlyDictionary<string, IEnumerable<string>> edges, string node) =>
        (edges.TryGetValue(node, out var e) ? e : []).GetEnumerator();

    private static IEnumerable<string> Rotate(List<string> cycle, string first)
    {
        var k = cycle.IndexOf(first);
        return cycle.Skip(k).Concat(cycle.Take(k));
    }
}
