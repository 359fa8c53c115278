using System.Text.Json;
using System.Text.Json.Serialization;

namespace Attune.Outcomes.Bench.Silo;

/// <summary>The JSON the bench sends: camelCase, nulls left out, as an LMS would write it.</summary>
public static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
