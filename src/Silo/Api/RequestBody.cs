using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Attune.Silo.Api;

/// <summary>Reads a JSON request body under a size limit, turning every way it can go wrong into problem details.</summary>
internal static class RequestBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadJsonAsync(HttpContext context, long maxBytes)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }
        if (!IsJson(request.ContentType))
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"Send the body as JSON with 'Content-Type: application/json' (got '{request.ContentType ?? "none"}')."));
        }
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = maxBytes; // enforced while streaming, for bodies without Content-Length
        }
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, DocumentOptions, context.RequestAborted);
            return (document, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : "";
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The body is not valid JSON; nothing was written.",
                detail: $"body: malformed JSON{where}.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = [$"malformed JSON{where}"] } }));
        }
    }

    /// <summary>The raw body, or null when it is larger than <paramref name="limit"/> (declared or streamed).</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadBytesAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.Length > limit ? null : buffer.ToArray();
    }

    public static IResult TooLarge(long maxBytes, string? detail = null) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large; nothing was written.",
        detail: detail ?? $"body: at most {maxBytes} bytes are accepted (Attune:Ingestion:MaxBodyBytes).");

    private static bool IsJson(string? contentType) =>
        contentType is not null &&
        (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
         contentType.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
