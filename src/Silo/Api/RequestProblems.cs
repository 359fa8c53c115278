using Attune.Silo.Ingestion;
using Microsoft.AspNetCore.Diagnostics;

namespace Attune.Silo.Api;

/// <summary>
/// Turns the errors a request caused, rather than the silo, into their own 4xx problem+json wherever they surface: a
/// body Kestrel gave up reading (408 too slow, 413 too large, 400 cut off), and an event the journal's door refused
/// (<see cref="EventRefusedException"/>, a door that did not check <see cref="EventRules"/> itself). Never a 500.
/// </summary>
public sealed class RequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } =>
                (StatusCodes.Status408RequestTimeout, "The request body arrived too slowly; nothing was written.",
                    "body: the data rate fell below the server's minimum; send the body at once.", null),
            BadHttpRequestException bad =>
                (bad.StatusCode, "The request could not be read; nothing was written.", $"body: {bad.Message}", null),
            EventRefusedException refused =>
                (StatusCodes.Status400BadRequest, "An event breaks the ingestion rules; nothing was written.", refused.Message,
                    new Dictionary<string, string[]> { [$"events[{refused.Index}].{refused.Field}"] = [refused.Reason] }),
            _ => (0, "", "", (Dictionary<string, string[]>?)null),
        };
        if (status == 0)
        {
            return false;
        }
        httpContext.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        if (errors is not null)
        {
            context.ProblemDetails.Extensions["errors"] = errors;
        }
        return await problems.TryWriteAsync(context);
    }
}
