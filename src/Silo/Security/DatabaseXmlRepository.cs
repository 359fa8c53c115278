using System.Xml.Linq;
using Attune.Silo.Database;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Attune.Silo.Security;

/// <summary>
/// Data Protection keys in the journal database, so every silo of a cluster decrypts what any other encrypted
/// (LMS tokens). The key ring is small and read rarely; each key is written once.
/// </summary>
public sealed class DatabaseXmlRepository(JournalDatabase database, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Open();
        using var cmd = connection.Command("SELECT xml FROM data_protection_keys ORDER BY created_at, name");
        using var reader = cmd.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.Open();
        using var cmd = connection.Command("""
            INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @now)
            ON CONFLICT (name) DO NOTHING
            """);
        cmd.Add("@name", friendlyName).Add("@xml", element.ToString(SaveOptions.DisableFormatting)).Add("@now", clock.GetUtcNow().UtcTicks);
        cmd.ExecuteNonQuery();
    }
}
