namespace Attune.Silo.Plugins;

/// <summary>The outcome of one plugin call: its value, or why the caller must fall back.</summary>
public readonly record struct PluginCall<T>(bool Succeeded, T? Value, string? Failure)
{
    public static PluginCall<T> Ok(T value) => new(true, value, null);

    public static PluginCall<T> Fail(string failure) => new(false, default, failure);
}
