namespace Fixture.Dependency;

public sealed class Greeting
{
    public string Text => "hello from a dependency";
}
