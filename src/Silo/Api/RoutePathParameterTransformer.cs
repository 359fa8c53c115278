using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Attune.Silo.Api;

/// <summary>
/// Documents every <c>{name}</c> of a route as a required string path parameter. Handlers that read ids through
/// <see cref="RawPathSegment"/> (to decode '/' in ids) do not bind them, so the generator would leave them out.
/// </summary>
internal sealed partial class RoutePathParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = context.Description.RelativePath ?? "";
        operation.Parameters ??= [];
        foreach (Match match in RouteParameter().Matches(path))
        {
            var name = match.Groups[1].Value;
            if (operation.Parameters.Any(p => p.Name == name && p.In == ParameterLocation.Path))
            {
                continue;
            }
            operation.Parameters.Insert(0, new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = $"The {name} id, URL-escaped ('/' as %2F).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
