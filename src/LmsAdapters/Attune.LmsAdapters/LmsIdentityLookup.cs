namespace Attune.LmsAdapters;

/// <summary>Identity lookups that need no store.</summary>
public static class LmsIdentityLookup
{
    /// <summary>Knows no one: every alias stays unresolved.</summary>
    public static ILmsIdentityLookup None { get; } = new Empty();

    private sealed class Empty : ILmsIdentityLookup
    {
        public LearnerId? Find(string source, string kind, string value) => null;
    }
}
