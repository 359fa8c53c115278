namespace Attune.LmsAdapters.Canvas;

/// <summary>Keys of a Canvas connection's settings.</summary>
public static class CanvasSettings
{
    /// <summary>The JWKS (JSON) that Live Events bodies are verified against; keys are chosen by <c>kid</c>.</summary>
    public const string Jwks = "jwks";

    /// <summary>"true" to accept unsigned Live Events: for testing only, never in production.</summary>
    public const string AllowUnsigned = "allowUnsignedLiveEvents";

    /// <summary>Assignment ids → the quiz or discussion item they stand for, learned by the last sync.</summary>
    public const string ItemAliases = "itemAliases";
}
