namespace Attune.LmsAdapters.Canvas.Tests;

/// <summary>Canvas module structure into the catalog: positions, prerequisite modules, sequential progress, completion requirements.</summary>
public sealed class CanvasCatalogStructureTests
{
    [Fact]
    public void ModulesGiveOrderPrerequisitesAndCompletionRules()
    {
        CanvasModule[] modules =
        [
            new()
            {
                Id = 2, Name = "Week 2", Position = 2, PrerequisiteModuleIds = [1], RequireSequentialProgress = true,
                Items =
                [
                    Item(21, 2, "Quiz", 300, new CanvasCompletionRequirement { Type = "min_score", MinScore = 8 }, points: 10),
                    Item(20, 1, "Page", 12, new CanvasCompletionRequirement { Type = "must_view" }),
                ],
            },
            new()
            {
                Id = 1, Name = "Week 1", Position = 1,
                Items = [Item(10, 1, "Assignment", 355, new CanvasCompletionRequirement { Type = "must_submit" })],
            },
        ];

        var entries = CanvasCatalogMapper.Map(565, modules, [], CanvasMinutesEstimate.Default, CanvasIds.Default).ToDictionary(e => e.Item.Value);

        Assert.Equal([("assignment:355", 1), ("wiki_page:12", 2), ("quiz:300", 3)],
            entries.Values.OrderBy(e => e.Position).Select(e => (e.Item.Value, e.Position ?? 0)));
        Assert.Equal(("Week 2", CompletionKind.View), (entries["wiki_page:12"].Section, entries["wiki_page:12"].Completion!.Kind));
        // Week 2 requires week 1; in week 2 the quiz comes after the page.
        Assert.Equal(["assignment:355"], entries["wiki_page:12"].Prerequisites.Select(p => p.Value));
        Assert.Equal(["assignment:355", "wiki_page:12"], entries["quiz:300"].Prerequisites.Select(p => p.Value));
        Assert.Equal(new CompletionRule(CompletionKind.Pass, 0.8), entries["quiz:300"].Completion);
        Assert.Empty(entries["assignment:355"].Prerequisites);
        Assert.Equal(CompletionKind.Submit, entries["assignment:355"].Completion!.Kind);
        Assert.Equal("https://canvas.example.edu/courses/565/modules/items/21", entries["quiz:300"].Url!.AbsoluteUri);
    }

    private static CanvasModuleItem Item(long id, int position, string type, long contentId, CanvasCompletionRequirement requirement, double? points = null) => new()
    {
        Id = id, Position = position, Type = type, ContentId = contentId, Title = $"{type} {contentId}", CompletionRequirement = requirement,
        HtmlUrl = $"https://canvas.example.edu/courses/565/modules/items/{id}",
        ContentDetails = new CanvasContentDetails { PointsPossible = points },
    };
}
