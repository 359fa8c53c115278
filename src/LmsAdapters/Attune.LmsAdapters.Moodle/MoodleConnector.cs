using Attune.LmsAdapters.Xapi;
using Microsoft.Extensions.Logging;

namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// Moodle as a connector: web services for the check and the pull (<see cref="MoodleClient"/>, <see cref="MoodleSync"/>),
/// logstore_xapi statements for the push (<see cref="MoodleStatementProfile"/>), every fact under the site's source.
/// </summary>
public sealed class MoodleConnector : ILmsConnector, IXapiSiteProfileProvider
{
    /// <summary>The kind connections name.</summary>
    public const string KindName = "moodle";

    /// <inheritdoc/>
    public string Kind => KindName;

    /// <inheritdoc/>
    public string DisplayName => "Moodle";

    /// <inheritdoc/>
    public async Task<LmsSiteCheck> CheckAsync(LmsConnectionContext connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var site = await Client(connection).CheckSiteAsync(cancellationToken).ConfigureAwait(false);
        return Check(site);
    }

    /// <inheritdoc/>
    public async Task<LmsSyncResult> SyncAsync(LmsConnectionContext connection, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var site = LmsSite.Of(Kind, connection.Url);
        var sync = new MoodleSync(Client(connection), new MoodleSyncOptions { Source = site.Source }, connection.Time, connection.Loggers.CreateLogger<MoodleSync>());
        var result = await sync.RunAsync(MoodleSyncCursor.FromJson(cursor), cancellationToken).ConfigureAwait(false);
        if (!result.Site.CanSync)
        {
            // A pass that cannot read what it needs has failed, whatever else it read: the admin must grant the functions.
            throw new LmsRefusedException("missingfunction",
                $"The token's external service lacks the required function(s) {string.Join(", ", result.Site.MissingRequiredFunctions)}; " +
                "add them in Site administration > Server > Web services > External services.");
        }
        return new LmsSyncResult
        {
            Site = Check(result.Site),
            Catalog = result.Catalog,
            Courses = [.. result.Courses.Select(c => new LmsCourse(c.Id, c.FullName, c.ShortName))],
            Learners = [.. result.Learners.Select(Identity)],
            Events = result.Events,
            Warnings = [.. result.Warnings.Select(w => $"{w.Course?.Value ?? "site"} {w.Function}: {w.Warning.WarningCode} {w.Warning.Message}")],
            Errors = [.. result.Errors.Select(e => $"{e.Course?.Value ?? "site"} {e.Function}: {e.ErrorCode} {e.Message}")],
            Cursor = result.Cursor.ToJson(),
        };
    }

    /// <summary>
    /// Refuses: logstore_xapi statements carry no signature, so they are taken only on the authenticated xAPI door
    /// (<c>/xapi/statements</c>, or <c>/xapi/connections/{id}/statements</c> to name the connection), mapped through
    /// <see cref="ProfileFor"/> and <see cref="ProfileOf"/>.
    /// </summary>
    public LmsPushMapping MapPush(LmsConnectionContext connection, LmsPush push)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new LmsPushMapping
        {
            Unverified = $"Moodle statements are not signed: send them to /xapi/connections/{connection.Id}/statements with the tenant's credentials.",
        };
    }

    /// <inheritdoc/>
    public IXapiSiteProfile? ProfileFor(XapiStatement statement, ILmsIdentityLookup identities) =>
        MoodleStatementProfile.For(statement, identities);

    /// <inheritdoc/>
    public IXapiSiteProfile ProfileOf(LmsSite site, ILmsIdentityLookup identities) => new MoodleStatementProfile(site, identities);

    private static MoodleClient Client(LmsConnectionContext connection) =>
        new(connection.Http, new MoodleConnection(connection.Url, connection.Token()),
            new MoodleClientOptions { MaxAttempts = connection.Retry.MaxAttempts, InitialRetryDelay = connection.Retry.InitialDelay, MaxRetryDelay = connection.Retry.MaxDelay },
            connection.Time, connection.Loggers.CreateLogger<MoodleClient>());

    private static LmsSiteCheck Check(MoodleSiteCheck site) => new(
        $"{site.SiteName} (Moodle {site.Release}) as {site.UserName}",
        MoodleFunctions.Required,
        MoodleFunctions.Optional,
        site.MissingRequiredFunctions,
        site.MissingOptionalFunctions);

    private static LmsLearnerIdentity Identity(MoodleLearner learner)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [LmsIdentityKinds.UserId] = learner.Id.Value,
            // Moodle's LTI 1.3 launches send the plain user id as sub (seen in a real 4.5.6 launch, fixtures/lms/moodle-4.5-lti13-real).
            [LmsIdentityKinds.LtiSubject] = learner.Id.Value,
        };
        if (!string.IsNullOrEmpty(learner.UserName))
        {
            aliases[LmsIdentityKinds.Login] = learner.UserName;
        }
        if (!string.IsNullOrEmpty(learner.Email))
        {
            aliases[LmsIdentityKinds.Email] = LmsIdentityKinds.Normalise(LmsIdentityKinds.Email, learner.Email);
        }
        if (!string.IsNullOrEmpty(learner.IdNumber))
        {
            aliases[LmsIdentityKinds.SisId] = learner.IdNumber;
        }
        return new LmsLearnerIdentity(learner.Id, learner.FullName, aliases);
    }
}
