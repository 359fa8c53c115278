using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Attune.Silo.Api;

/// <summary>Reads a JSON request body under a size limit, turning every way it can go wrong into problem details.</summary>
internal static class RequestBody
{
    private const int MaxDepth = 32;

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
        var (body, problem) = await ReadAsync(context, maxBytes);
        if (problem is not null)
        {
            return (null, problem);
        }
        return JsonBody.Parse(body!.Value, MaxDepth);
    }

    /// <summary>
    /// The raw body, or the problem to answer: 413 when it is larger than <paramref name="limit"/> (declared or streamed),
    /// 408 when it arrives slower than Kestrel's minimum data rate, 400 when the client broke it off mid-way.
    /// </summary>
    public static async Task<(ReadOnlyMemory<byte>? Body, IResult? Problem)> ReadAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit; // enforced while streaming, for bodies without Content-Length
        }
        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Unreadable(ex, limit));
        }
        return buffer.Length > limit ? (null, TooLarge(limit)) : (buffer.ToArray(), null);
    }

    /// <summary>What a body Kestrel refused while it was read answers: its own status, as problem+json.</summary>
    public static IResult Unreadable(BadHttpRequestException ex, long limit) => ex.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => TooLarge(limit),
        StatusCodes.Status408RequestTimeout => TypedResults.Problem(
            statusCode: StatusCodes.Status408RequestTimeout,
            title: "The request body arrived too slowly; nothing was written.",
            detail: "body: the data rate fell below the server's minimum; send the body at once."),
        _ => TypedResults.Problem(
            statusCode: ex.StatusCode,
            title: "The request body could not be read; nothing was written.",
            detail: $"body: {ex.Message}"),
    };

    public static IResult TooLarge(long maxBytes, string? detail = null) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large; nothing was written.",
        detail: detail ?? $"body: at most {maxBytes} bytes are accepted (Attune:Ingestion:MaxBodyBytes).");

    private static bool IsJson(string? contentType) =>
        contentType is not null &&
        (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
         contentType.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
