namespace Attune.Plugins.Testing.Tests;

public sealed class CapturingPluginLoggerTests
{
    [Fact]
    public void EntriesKeepLevelTemplateAndValuesAndRenderTheHolesInOrder()
    {
        var logger = new CapturingPluginLogger();

        logger.Log(PluginLogLevel.Information, null, "Trained {Items} items in {Seconds:0.0} s", 120, 1.25);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(PluginLogLevel.Information, entry.Level);
        Assert.Equal("Trained {Items} items in {Seconds:0.0} s", entry.MessageTemplate);
        Assert.Equal("Trained 120 items in 1.3 s", entry.Message);
        Assert.Equal(120, entry.Properties["Items"]);
        Assert.Equal(1.25, entry.Properties["Seconds"]);
    }

    [Fact]
    public void EscapedBracesAndHolesWithoutValuesStayAsWritten()
    {
        var logger = new CapturingPluginLogger();

        logger.Log(PluginLogLevel.Warning, null, "{{literal}} {First} {Second}", "a");

        Assert.Equal("{literal} a {Second}", Assert.Single(logger.Entries).Message);
    }

    [Fact]
    public void EntriesBelowTheMinimumLevelAreNeitherEnabledNorKept()
    {
        var logger = new CapturingPluginLogger { MinimumLevel = PluginLogLevel.Warning };

        logger.Log(PluginLogLevel.Debug, null, "noise");
        logger.Log(PluginLogLevel.Error, new InvalidOperationException("boom"), "Model {Version} unreadable", 3);

        Assert.False(logger.IsEnabled(PluginLogLevel.Information));
        var entry = Assert.Single(logger.Entries);
        Assert.Equal("boom", entry.Exception?.Message);
        Assert.Equal("Error: Model 3 unreadable (InvalidOperationException: boom)", entry.ToString());
    }

    [Fact]
    public void AtLeastFiltersBySeverityAndClearForgets()
    {
        var logger = new CapturingPluginLogger();
        logger.Log(PluginLogLevel.Debug, null, "d");
        logger.Log(PluginLogLevel.Warning, null, "w");
        logger.Log(PluginLogLevel.Error, null, "e");

        Assert.Equal(["w", "e"], logger.AtLeast(PluginLogLevel.Warning).Select(e => e.Message));

        logger.Clear();
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public void ConcurrentLoggingLosesNoEntry()
    {
        var logger = new CapturingPluginLogger();

        Parallel.For(0, 1000, i => logger.Log(PluginLogLevel.Information, null, "{I}", i));

        Assert.Equal(1000, logger.Entries.Select(e => e.Properties["I"]).Distinct().Count());
    }
}
