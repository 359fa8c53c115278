using System.Text;
using Attune.Silo.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Attune.Silo.Tests.Api;

/// <summary>The one parse of every JSON door: duplicate keys and text that is no valid Unicode are 400s naming the field.</summary>
public sealed class JsonBodyTests
{
    [Theory]
    [InlineData("""{"events":[{"id":"e1","learner":"alice","learner":"evil"}]}""", "events[0].learner")]
    [InlineData("""{"goals":[],"goals":["x"]}""", "goals")]
    [InlineData("""{"a":{"b":{"c":1,"c":2}}}""", "a.b.c")]
    public void AKeyGivenTwiceIsRefusedNamingItsPath(string json, string field)
    {
        var (document, problem) = JsonBody.Parse(Encoding.UTF8.GetBytes(json), 32);

        Assert.Null(document);
        var errors = Assert.IsType<ValidationProblem>(problem).ProblemDetails.Errors;
        Assert.Contains("more than once", Assert.Single(errors, e => e.Key == field).Value[0]);
    }

    [Theory]
    [InlineData("""{"events":[{"learner":"a\ud800b"}]}""", "events[0].learner")]
    [InlineData("""{"events":[{"learner":"\udc00"}]}""", "events[0].learner")]
    [InlineData("""{"x\ud800":1}""", "(key)")]
    public void ALoneSurrogateIsRefusedNamingTheField(string json, string field)
    {
        var (document, problem) = JsonBody.Parse(Encoding.UTF8.GetBytes(json), 32);

        Assert.Null(document);
        var errors = Assert.IsType<ValidationProblem>(problem).ProblemDetails.Errors;
        Assert.Contains("not valid Unicode", Assert.Single(errors, e => e.Key == field).Value[0]);
    }

    [Fact]
    public void InvalidUtf8IsRefusedNamingTheField()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"events":[{"id":"e1","learner":"##"}]}""");
        var at = Array.IndexOf(bytes, (byte)'#');
        bytes[at] = 0xED; // the start of an encoded surrogate, which UTF-8 forbids
        bytes[at + 1] = 0xA0;

        var (document, problem) = JsonBody.Parse(bytes, 32);

        Assert.Null(document);
        var errors = Assert.IsType<ValidationProblem>(problem).ProblemDetails.Errors;
        Assert.Equal("events[0].learner", Assert.Single(errors).Key);
    }

    [Fact]
    public void SurrogatePairsAndPlainTextPass()
    {
        var (document, problem) = JsonBody.Parse(Encoding.UTF8.GetBytes("""{"learner":"\ud83d\ude00 ok","name":"Zoë 😀"}"""), 32);

        Assert.Null(problem);
        using (document)
        {
            Assert.Equal("\U0001F600 ok", document!.RootElement.GetProperty("learner").GetString());
        }
    }

    [Fact]
    public void MalformedJsonIsStillMalformed()
    {
        var (document, problem) = JsonBody.Parse(Encoding.UTF8.GetBytes("""{"a":"""), 32);

        Assert.Null(document);
        Assert.Equal(400, Assert.IsType<ProblemHttpResult>(problem).StatusCode);
    }
}
