using Attune.LmsAdapters;
using Attune.LmsAdapters.Xapi;

namespace Attune.Silo.Connections;

/// <summary>
/// The sites a tenant is connected to whose LMS sends xAPI (Moodle's logstore_xapi), with their statement profiles: what
/// the xAPI door places a statement by when the statement does not say which LMS sent it, and what the repair job
/// re-keys statements journaled before the connection existed to.
/// </summary>
public sealed class ConnectedXapiSites(ConnectionStore store, LmsConnectors connectors)
{
    /// <summary>One entry per connected site (two connections to one site are one site).</summary>
    public List<(LmsSite Site, IXapiSiteProfile Profile)> Sites(TenantId tenant, ILmsIdentityLookup identities) =>
        [.. store.List(tenant)
            .Select(c => (Provider: connectors.Find(c.Kind) as IXapiSiteProfileProvider, Site: connectors.Find(c.Kind)?.Site(c.Url)))
            .Where(c => c.Provider is not null && c.Site is not null)
            .DistinctBy(c => c.Site!.Source)
            .Select(c => (c.Site!, c.Provider!.ProfileOf(c.Site!, identities)))];

    /// <summary>The profiles of <see cref="Sites"/>.</summary>
    public List<IXapiSiteProfile> Profiles(TenantId tenant, ILmsIdentityLookup identities) =>
        [.. Sites(tenant, identities).Select(s => s.Profile)];
}
