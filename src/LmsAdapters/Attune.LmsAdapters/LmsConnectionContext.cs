using Microsoft.Extensions.Logging;

namespace Attune.LmsAdapters;

/// <summary>One registered connection as a connector uses it: where, with which token, with what settings and tools.</summary>
public sealed record LmsConnectionContext
{
    /// <summary>The connection's id.</summary>
    public required string Id { get; init; }

    /// <summary>The site's URL as registered.</summary>
    public required Uri Url { get; init; }

    /// <summary>Reads the token in clear, only when a call needs it; never log or return it.</summary>
    public required Func<string> Token { get; init; }

    /// <summary>Kind-specific settings (a Canvas JWKS, item aliases learned by the last pass).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The HTTP client calls go through (its timeout bounds one try).</summary>
    public required HttpClient Http { get; init; }

    /// <summary>Attempts and waits of calls; fewer for a registration check, which a person waits on.</summary>
    public LmsRetryPolicy Retry { get; init; } = new();

    /// <summary>
    /// The host's rule for event times, which pushes apply before answering: why a time is refused (say, it lies beyond
    /// the allowed clock skew in the future), or <c>null</c> when it is acceptable.
    /// </summary>
    public Func<DateTimeOffset, string?>? TimestampProblem { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where clients log (never secrets).</summary>
    public required ILoggerFactory Loggers { get; init; }

    /// <summary>Resolves the LMS's other names for a user (email, login, LTI subject) to the learner id, from the identity map.</summary>
    public ILmsIdentityLookup Identities { get; init; } = LmsIdentityLookup.None;
}
