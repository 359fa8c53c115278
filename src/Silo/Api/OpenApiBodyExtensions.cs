using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Attune.Silo.Api;

internal static class OpenApiBodyExtensions
{
    /// <summary>
    /// Documents a JSON request body of type <typeparamref name="T"/> for an endpoint that reads its body itself.
    /// Unlike <c>Accepts&lt;T&gt;</c>, this adds no content-type constraint to routing, so a wrong content type reaches
    /// the handler and gets a problem+json 415 that says what to send, instead of an empty 415 from routing.
    /// </summary>
    public static RouteHandlerBuilder DocumentsJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
}
