namespace Attune.EndToEnd.Tests;

/// <summary>One load client's numbered batch of new events spread over a set of learners, with ids unique to it.</summary>
public sealed record LoadBatch(string Name, TestEvent[] Events)
{
    private static readonly string[] Kinds = ["viewed", "started", "answered", "completed", "reviewed"];

    public IEnumerable<string> Ids => Events.Select(e => e.Id);

    public static string Learner(int n) => $"learner-{n:D3}";

    public static LoadBatch Make(int client, int number, int size, int learners)
    {
        var random = new Random(client * 100_003 + number);
        var name = $"c{client}-b{number}";
        var events = new TestEvent[size];
        for (var i = 0; i < size; i++)
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            events[i] = new TestEvent(
                $"{name}-e{i}",
                Learner(random.Next(learners)),
                $"item-{random.Next(30)}",
                kind,
                TestEvent.Day.AddSeconds(number * size + i),
                "chem101",
                kind is "answered" or "completed" ? Math.Round(random.NextDouble(), 2) : null,
                random.Next(10, 600));
        }
        return new LoadBatch(name, events);
    }
}
