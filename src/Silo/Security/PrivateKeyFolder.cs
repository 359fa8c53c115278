using System.Xml.Linq;
using Attune.Silo.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Attune.Silo.Security;

/// <summary>
/// The Data Protection key ring in the data folder (embedded mode): the keys that decrypt stored LMS tokens, so each
/// key file is made 0600 once written, in a folder that is 0700 (which alone keeps other users out of it).
/// </summary>
public sealed class PrivateKeyFolder : FileSystemXmlRepository
{
    public PrivateKeyFolder(DirectoryInfo directory, ILoggerFactory loggers)
        : base(directory, loggers)
    {
        TightenKeys(); // keys an older version wrote 0644
    }

    public override void StoreElement(XElement element, string friendlyName)
    {
        base.StoreElement(element, friendlyName);
        TightenKeys();
    }

    private void TightenKeys()
    {
        foreach (var file in Directory.EnumerateFiles("*.xml"))
        {
            PrivateFiles.Tighten(file.FullName);
        }
    }
}
