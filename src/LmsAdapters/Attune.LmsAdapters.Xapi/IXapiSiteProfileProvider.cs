namespace Attune.LmsAdapters.Xapi;

/// <summary>An LMS adapter whose sites send xAPI: it recognises its statements and says how they map.</summary>
public interface IXapiSiteProfileProvider
{
    /// <summary>The profile of the site a statement names (by its actor's home page, its activity IRIs), or <c>null</c> when it is not this LMS's.</summary>
    IXapiSiteProfile? ProfileFor(XapiStatement statement, ILmsIdentityLookup identities);

    /// <summary>The profile of a site chosen explicitly (a connection's own statements door).</summary>
    IXapiSiteProfile ProfileOf(LmsSite site, ILmsIdentityLookup identities);
}
