namespace Attune.Silo.Api;

/// <summary>Validation errors keyed by the JSON path of the bad field (<c>events[3].score</c>), capped so a huge bad batch stays readable.</summary>
public sealed class FieldErrors
{
    private const int MaxErrors = 100;
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public bool Full => _errors.Count >= MaxErrors;

    public IReadOnlyDictionary<string, string[]> ByField => _errors;

    public void Add(string path, string message)
    {
        if (Full || _errors.ContainsKey(path))
        {
            return;
        }
        _errors[path] = [message];
    }

    public IResult ToProblem(string title) => TypedResults.ValidationProblem(
        _errors,
        title: title,
        detail: Full ? $"Showing the first {MaxErrors} errors. " + string.Join("; ", Summary()) : string.Join("; ", Summary()));

    private IEnumerable<string> Summary() => _errors.Take(5).Select(e => $"{e.Key}: {e.Value[0]}");
}
