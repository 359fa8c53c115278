namespace Attune.Silo.Database;

/// <summary>PostgreSQL advisory lock keys: a 64-bit FNV-1a of two strings. A collision only makes two holders wait for each other.</summary>
internal static class AdvisoryLockKey
{
    public static long Of(string scope, string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in scope)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        hash *= 1099511628211UL; // a separator (xor with 0), so ("ab", "c") and ("a", "bc") differ
        foreach (var c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return unchecked((long)hash);
    }
}
