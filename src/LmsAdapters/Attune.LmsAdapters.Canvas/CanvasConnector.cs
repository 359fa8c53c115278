using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// Canvas as a connector: REST for the check and the pull (<see cref="CanvasClient"/>, <see cref="CanvasSync"/>), signed
/// Live Events (Canvas or Caliper format) for the push, both under the site's source so a submission seen by the pull
/// and by a Live Event is one event (<see cref="CanvasEventIds"/>).
/// </summary>
public sealed class CanvasConnector : ILmsConnector, ILmsCaliperSender
{
    private const string CanvasUrn = "urn:instructure:canvas:";

    /// <summary>The kind connections name.</summary>
    public const string KindName = "canvas";

    /// <inheritdoc/>
    public string Kind => KindName;

    /// <inheritdoc/>
    public string DisplayName => "Canvas";

    /// <inheritdoc/>
    public string? ValidateSetting(string name, string value)
    {
        switch (name)
        {
            case CanvasSettings.Jwks:
                try
                {
                    CanvasJsonWebKeySet.Parse(value);
                    return null;
                }
                catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException)
                {
                    return $"is not a JSON Web Key Set: {ex.Message}";
                }
            case CanvasSettings.AllowUnsigned:
                return value is "true" or "false" ? null : "must be true or false";
            default:
                return $"is not a setting of {DisplayName} connections";
        }
    }

    /// <summary>Reads the token's own user, the cheapest call that proves the token works.</summary>
    public async Task<LmsSiteCheck> CheckAsync(LmsConnectionContext connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var self = await Client(connection).GetAsync<JsonElement>("/api/v1/users/self", cancellationToken: cancellationToken).ConfigureAwait(false);
        var name = self.TryGetProperty("name", out var n) ? n.GetString() : "?";
        return new LmsSiteCheck($"Canvas at {connection.Url} as {name}", Scopes, [], [], []);
    }

    /// <inheritdoc/>
    public async Task<LmsSyncResult> SyncAsync(LmsConnectionContext connection, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var site = LmsSite.Of(Kind, connection.Url);
        var sync = new CanvasSync(Client(connection), new CanvasSyncOptions { Source = site.Source }, connection.Time, connection.Loggers.CreateLogger<CanvasSync>());
        var result = await sync.RunAsync(CanvasSyncCursor.FromJson(cursor), cancellationToken).ConfigureAwait(false);
        return new LmsSyncResult
        {
            Site = new LmsSiteCheck($"Canvas at {connection.Url}", Scopes, [], [], []),
            Catalog = result.Catalog,
            Courses = [.. result.Courses.Select(c => new LmsCourse(c.Id, c.Name, c.CourseCode))],
            Learners = [.. result.Learners.Select(Identity)],
            Events = result.Events,
            Warnings = [.. result.Warnings.Select(w => $"{w.Course.Value}: {w.Message}")],
            Errors = [.. result.Errors.Select(e => $"{e.Course.Value}: {e.Message}")],
            Cursor = result.Cursor.ToJson(),
            // Live Events name a quiz's assignment; the aliases learned here let them credit the quiz itself.
            Settings = new Dictionary<string, string> { [CanvasSettings.ItemAliases] = JsonSerializer.Serialize(result.ItemAliases) },
        };
    }

    /// <summary>Verifies one Live Event (a JWT signed with a key of the connection's JWKS) and maps it.</summary>
    public LmsPushMapping MapPush(LmsConnectionContext connection, LmsPush push)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(push);
        var settings = connection.Settings;
        var keys = CanvasJsonWebKeySet.Parse(settings.TryGetValue(CanvasSettings.Jwks, out var jwks) ? jwks : """{"keys":[]}""");
        var verifier = new CanvasLiveEventVerifier(keys, new CanvasLiveEventVerifierOptions
        {
            AllowUnsigned = settings.GetValueOrDefault(CanvasSettings.AllowUnsigned) == "true",
            TimeProvider = connection.Time,
        });
        CanvasVerifiedLiveEvent verified;
        try
        {
            verified = verifier.Verify(push.Body);
        }
        catch (CanvasLiveEventSignatureException ex)
        {
            connection.Loggers.CreateLogger<CanvasConnector>().LogWarning("Refused a Live Event for connection {Connection}: {Failure}", connection.Id, ex.Failure);
            return new LmsPushMapping { Unverified = ex.Message };
        }
        return Map(LmsSite.Of(Kind, connection.Url), settings, verified.Payload, connection.TimestampProblem);
    }

    /// <summary>
    /// A Caliper envelope is Canvas's when its events name Canvas entities (<c>urn:instructure:canvas:…</c> actors or
    /// objects); its site is the sensor, <c>http://{host}/</c> (LMS-NOTES §2b), whose source ignores the scheme.
    /// </summary>
    public LmsSite? SiteOf(ReadOnlyMemory<byte> envelope)
    {
        try
        {
            using var document = JsonDocument.Parse(envelope);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("sensor", out var sensor) || sensor.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array
                || !data.EnumerateArray().Any(e => NamesCanvas(e, "actor") || NamesCanvas(e, "object")))
            {
                return null;
            }
            return LmsSite.TryOf(Kind, sensor.GetString());
        }
        catch (JsonException)
        {
            return null;
        }

        static bool NamesCanvas(JsonElement e, string entity) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(entity, out var value) && (value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Object when value.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
                _ => null,
            })?.StartsWith(CanvasUrn, StringComparison.OrdinalIgnoreCase) == true;
    }

    /// <summary>Maps a Caliper-form Live Event that came through the generic Caliper door as the connection's door maps it.</summary>
    public LmsPushMapping MapCaliper(LmsSite site, IReadOnlyDictionary<string, string> settings, LmsPush push, Func<DateTimeOffset, string?>? timestampProblem)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(push);
        return Map(site, settings, push.Body, timestampProblem);
    }

    private static LmsPushMapping Map(LmsSite site, IReadOnlyDictionary<string, string> settings, ReadOnlyMemory<byte> payload,
        Func<DateTimeOffset, string?>? timestampProblem)
    {
        var aliases = settings.TryGetValue(CanvasSettings.ItemAliases, out var json) ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) : null;
        var mapping = new CanvasLiveEventMapper(new CanvasLiveEventOptions
        {
            Source = site.Source,
            ItemAliases = aliases,
            TimestampProblem = timestampProblem,
        }).Map(payload);
        if (!mapping.IsValid)
        {
            return new LmsPushMapping { Error = (mapping.Error!.Field.Length == 0 ? "body" : mapping.Error.Field, mapping.Error.Message) };
        }
        var skipped = mapping.Results.Where(r => r.Event is null).ToList();
        return new LmsPushMapping
        {
            Events = mapping.Events,
            Skipped = [.. skipped.Select(r => r.SkipReason ?? "skipped")],
            IgnoredByVerb = skipped.GroupBy(r => r.EventName).ToDictionary(g => g.Key, g => g.Count()),
        };
    }

    // What the token's user must be allowed to read; Canvas has no capability list to check up front.
    private static readonly IReadOnlyList<string> Scopes =
        ["courses and modules (read)", "assignments (read)", "enrollments (read)", "students' submissions (read, teacher or admin)"];

    private static CanvasClient Client(LmsConnectionContext connection) =>
        new(connection.Http, new CanvasConnection(connection.Url, connection.Token()),
            new CanvasClientOptions { MaxAttempts = connection.Retry.MaxAttempts, InitialRetryDelay = connection.Retry.InitialDelay, MaxRetryDelay = connection.Retry.MaxDelay },
            connection.Time, connection.Loggers.CreateLogger<CanvasClient>());

    private static LmsLearnerIdentity Identity(CanvasLearner learner)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal) { [LmsIdentityKinds.UserId] = learner.Id.Value };
        if (!string.IsNullOrEmpty(learner.LoginId))
        {
            aliases[LmsIdentityKinds.Login] = learner.LoginId;
        }
        if (!string.IsNullOrEmpty(learner.Email))
        {
            aliases[LmsIdentityKinds.Email] = LmsIdentityKinds.Normalise(LmsIdentityKinds.Email, learner.Email);
        }
        if (!string.IsNullOrEmpty(learner.SisUserId))
        {
            aliases[LmsIdentityKinds.SisId] = learner.SisUserId;
        }
        return new LmsLearnerIdentity(learner.Id, learner.Name, aliases);
    }
}
