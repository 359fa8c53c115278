using System.Net;
using System.Net.Http.Json;

namespace Attune.EndToEnd.Tests;

/// <summary>A silo on the machine's clock has no clock to move.</summary>
[Collection(SharedSiloCollection.Name)]
public sealed class ClockEndpointTests(SiloFixture fixture)
{
    [Fact]
    public async Task WithoutAManualClockTheClockEndpointDoesNotExist()
    {
        // Credentials first: every door is locked, so only a caller who may knock learns that there is no door.
        using var response = await fixture.UniClient.SendAsync(HttpMethod.Put, "/api/v1/admin/clock", JsonContent.Create(new { now = DateTimeOffset.UtcNow.AddDays(1) }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
