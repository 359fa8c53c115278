using System.Collections;
using System.Globalization;

namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// A function's arguments, form-encoded the way Moodle's REST server reads them: scalars by name, lists as
/// indexed brackets (<c>courseids[0]=2&amp;courseids[1]=3</c>) and name/value option lists as
/// <c>options[0][name]=onlyactive&amp;options[0][value]=1</c>. A JSON body is not parsed by the stock REST
/// server and yields <c>invalidparameter</c> (LMS-NOTES §1a).
/// </summary>
public sealed class MoodleRequestForm : IEnumerable<KeyValuePair<string, string>>
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "wstoken", "wsfunction", "moodlewsrestformat" };
    private readonly List<KeyValuePair<string, string>> _fields = [];

    /// <summary>Adds a scalar argument.</summary>
    /// <exception cref="ArgumentException">The name is one the client sets itself.</exception>
    public MoodleRequestForm Add(string name, string value)
    {
        if (Reserved.Contains(name.Split('[')[0]))
        {
            throw new ArgumentException($"{name} is set by MoodleClient.", nameof(name));
        }
        _fields.Add(new(name, value));
        return this;
    }

    /// <summary>Adds an integer argument.</summary>
    public MoodleRequestForm Add(string name, long value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a boolean argument; Moodle's PARAM_BOOL reads 1 and 0.</summary>
    public MoodleRequestForm Add(string name, bool value) => Add(name, value ? "1" : "0");

    /// <summary>Adds a list as <c>name[0]=…&amp;name[1]=…</c>.</summary>
    public MoodleRequestForm AddList(string name, IEnumerable<long> values)
    {
        var i = 0;
        foreach (var value in values)
        {
            Add($"{name}[{i++}]", value);
        }
        return this;
    }

    /// <summary>Adds a list of strings as <c>name[0]=…&amp;name[1]=…</c>.</summary>
    public MoodleRequestForm AddList(string name, IEnumerable<string> values)
    {
        var i = 0;
        foreach (var value in values)
        {
            Add($"{name}[{i++}]", value);
        }
        return this;
    }

    /// <summary>Adds a name/value option list as <c>name[i][name]=…&amp;name[i][value]=…</c>.</summary>
    public MoodleRequestForm AddOptions(string name, IEnumerable<KeyValuePair<string, string>> options)
    {
        var i = 0;
        foreach (var (key, value) in options)
        {
            Add($"{name}[{i}][name]", key);
            Add($"{name}[{i}][value]", value);
            i++;
        }
        return this;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
