using Microsoft.AspNetCore.Mvc;

namespace Attune.Silo.Security;

/// <summary>Writes a 401 as problem+json, once, however many schemes challenge.</summary>
internal static class Unauthorized
{
    public static Task WriteAsync(HttpContext context, string wwwAuthenticate, string detail)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask; // another scheme already answered
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.Append("WWW-Authenticate", wwwAuthenticate);
        return context.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = 401, Title = "Unauthorized", Detail = detail, Type = "https://tools.ietf.org/html/rfc9110#section-15.5.2" },
            options: null, contentType: "application/problem+json");
    }
}
