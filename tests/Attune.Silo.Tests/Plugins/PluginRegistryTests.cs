using System.Reflection;
using System.Runtime.CompilerServices;
using Attune.Plugins;
using Attune.Silo.Plugins;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Tests.Plugins;

public sealed class PluginRegistryTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly PluginRegistry _registry;

    public PluginRegistryTests() => _registry = new PluginRegistry(
        Options.Create(new PluginOptions { Path = _folder.Path }), NullLoggerFactory.Instance, TimeProvider.System);

    [Fact]
    public void GoodPluginsLoadAndEveryBadFolderIsReportedWithItsReason()
    {
        FixturePlugins.Install(_folder.Path, FixturePlugins.Faulty);
        var needy = FixturePlugins.Install(_folder.Path, FixturePlugins.NeedsDependency);
        File.Delete(Path.Combine(needy, "Fixture.Dependency.dll"));
        FixturePlugins.Install(_folder.Path, FixturePlugins.WrongSdk);
        Directory.CreateDirectory(Path.Combine(_folder.Path, "Broken"));
        File.WriteAllBytes(Path.Combine(_folder.Path, "Broken", "Broken.dll"), [0x4d, 0x5a, 1, 2, 3]);
        Directory.CreateDirectory(Path.Combine(_folder.Path, "Empty"));

        _registry.Rescan();

        Assert.Equal(PluginKind.Recommender, _registry.Find("throwing-recommender")?.Kind);
        Assert.Equal(PluginKind.Strategy, _registry.Find("over-budget-strategy")?.Kind);
        Assert.Null(_registry.Find("needs-dependency"));
        Assert.Null(_registry.Find("from-the-future"));
        var errors = _registry.Status().ToDictionary(f => f.Folder, f => f.LoadError);
        Assert.Null(errors["Fixture.Faulty"]);
        Assert.Contains("Fixture.Dependency", errors["Fixture.NeedsDependency"]);
        Assert.Contains("built for Attune SDK 99.0", errors["Fixture.WrongSdk"]);
        Assert.Equal("not a valid .NET assembly", errors["Broken"]);
        Assert.Contains("no Empty.dll", errors["Empty"]);
    }

    [Fact]
    public void AnSdk1PluginIsRefusedWithAMessageSayingWhichSdkItWasBuiltFor()
    {
        FixturePlugins.Install(_folder.Path, FixturePlugins.OldSdk);

        _registry.Rescan();

        Assert.Equal(2, AttuneSdk.Major);
        Assert.Null(_registry.Find("from-the-past"));
        Assert.Equal(
            "Fixture.OldSdk was built for Attune SDK 1.1; this host runs SDK 2.0 — rebuild it against Attune.Abstractions 2.0.",
            _registry.Status().Single().LoadError);
    }

    [Fact]
    public void APluginBuiltForThisSdkLoadsWithOnlyTheCapabilitiesItImplements()
    {
        FixturePlugins.Install(_folder.Path, FixturePlugins.VersionedV1);

        _registry.Rescan();

        Assert.Null(_registry.Status().Single().LoadError);
        var strategy = _registry.Find("versioned-strategy");
        var built = strategy!.Strategy!.GetType().Assembly.GetCustomAttribute<AttuneSdkAttribute>()!;
        Assert.Equal((2, 0), (built.Major, built.Minor));
        // Without the optional interfaces the host neither fits nor asks it to describe learners.
        Assert.Null(strategy.TrainableStrategy);
        Assert.Null(strategy.Describer);
        var recommender = _registry.Find("versioned-recommender")!;
        Assert.NotNull(recommender.Embedder);
        Assert.Null(recommender.TrainableRecommender);
    }

    [Fact]
    public void AFolderThatFailedLoadsOnceItIsMendedAndRescanned()
    {
        var needy = FixturePlugins.Install(_folder.Path, FixturePlugins.NeedsDependency);
        var dependency = Path.Combine(needy, "Fixture.Dependency.dll");
        var saved = File.ReadAllBytes(dependency);
        File.Delete(dependency);
        _registry.Rescan();
        Assert.Null(_registry.Find("needs-dependency"));

        File.WriteAllBytes(dependency, saved);
        _registry.Rescan();

        Assert.NotNull(_registry.Find("needs-dependency"));
        Assert.Null(_registry.Status().Single().LoadError);
    }

    [Fact]
    public async Task ReplacingAPluginsFilesSwapsInTheNewVersionAndUnloadsTheOld()
    {
        FixturePlugins.Install(_folder.Path, FixturePlugins.VersionedV1);
        _registry.Rescan();
        var first = _registry.Find("versioned-recommender")!;
        Assert.Equal("1.0.0", first.Version);
        var oldAssembly = WeakAssemblyOf(first);
        first = null;

        FixturePlugins.Install(_folder.Path, FixturePlugins.VersionedV2);

        var second = await EventuallyAsync(() => _registry.Find("versioned-recommender") is { Version: "2.0.0" } p ? p : null);
        Assert.True(second.Generation > 1);
        Assert.Equal("2.0.0", _registry.Find("versioned-strategy")!.Version);
        await EventuallyAsync(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return oldAssembly.IsAlive ? null : "unloaded";
        });
    }

    [Fact]
    public void RemovingAFolderRemovesItsPlugins()
    {
        var folder = FixturePlugins.Install(_folder.Path, FixturePlugins.Faulty);
        _registry.Rescan();
        Assert.NotNull(_registry.Find("nan-recommender"));

        Directory.Delete(folder, recursive: true);
        _registry.Rescan();

        Assert.Null(_registry.Find("nan-recommender"));
        Assert.Empty(_registry.Status());
    }

    [Fact]
    public async Task AHangingPluginIsCutOffAtItsBudgetAndThenQuarantined()
    {
        FixturePlugins.Install(_folder.Path, FixturePlugins.Faulty);
        _registry.Rescan();
        var hanging = _registry.Find("hanging-recommender")!;
        var invoker = new PluginInvoker(Options.Create(new PluginOptions { CallBudget = TimeSpan.FromMilliseconds(50), FirstCallBudget = TimeSpan.Zero }),
            TimeProvider.System, NullLogger<PluginInvoker>.Instance);

        var first = await invoker.InvokeAsync(hanging, "score", () => hanging.Recommender!.Score(Context()), _ => null);
        var second = await invoker.InvokeAsync(hanging, "score", () => hanging.Recommender!.Score(Context()), _ => null);

        Assert.False(first.Succeeded);
        Assert.Contains("overran its 50 ms budget", first.Failure);
        Assert.False(second.Succeeded);
        Assert.Contains("quarantined", second.Failure);
        Assert.Equal((1, 1, 1), (hanging.Stats.Timeouts, hanging.Stats.Skipped, hanging.Stats.Calls));
    }

    [Fact]
    public async Task TheFirstCallOfAnOperationMayTakeLongerButALaterOverrunQuarantines()
    {
        FixturePlugins.Install(_folder.Path, FixturePlugins.Faulty);
        _registry.Rescan();
        var plugin = _registry.Find("nan-recommender")!;
        var invoker = new PluginInvoker(
            Options.Create(new PluginOptions { CallBudget = TimeSpan.FromMilliseconds(50), FirstCallBudget = TimeSpan.FromSeconds(10) }),
            TimeProvider.System, NullLogger<PluginInvoker>.Instance);
        int Slow()
        {
            // Like a first call that compiles the plugin's code: 20 times the budget, so a busy machine's late timers
            // cannot let the second call pass, and far inside the first-call budget.
            Thread.Sleep(1000);
            return 1;
        }

        var first = await invoker.InvokeAsync(plugin, "describe", Slow, _ => null);
        var second = await invoker.InvokeAsync(plugin, "describe", Slow, _ => null);
        var otherOperation = await invoker.InvokeAsync(plugin, "score", () => 1, _ => null);

        Assert.True(first.Succeeded, first.Failure);
        Assert.False(second.Succeeded);
        Assert.Contains("overran its 50 ms budget", second.Failure);
        Assert.False(otherOperation.Succeeded); // quarantined: the plugin as a whole is skipped for a while
        Assert.Contains("quarantined", otherOperation.Failure);
    }

    [Fact]
    public async Task GarbageFromAPluginIsAFailureNotAnAnswer()
    {
        FixturePlugins.Install(_folder.Path, FixturePlugins.Faulty);
        _registry.Rescan();
        var nan = _registry.Find("nan-recommender")!;
        var invoker = new PluginInvoker(Options.Create(new PluginOptions()), TimeProvider.System, NullLogger<PluginInvoker>.Instance);

        var call = await invoker.InvokeAsync(nan, "score", () => nan.Recommender!.Score(Context()),
            scored => scored.Any(s => !double.IsFinite(s.Score)) ? "non-finite score" : null);

        Assert.False(call.Succeeded);
        Assert.Contains("garbage", call.Failure);
        Assert.Equal(1, nan.Stats.Failures);
        Assert.Equal("returned garbage from score: non-finite score", nan.Stats.LastFailure);
    }

    public void Dispose()
    {
        _registry.Dispose();
        _folder.Dispose();
    }

    private static ScoringContext Context() => new(
        Attune.Plugins.Testing.LearnerHistoryBuilder.Empty(new LearnerId("alice")), Attune.Learners.LearnerProfile.Empty, null, null,
        [new Candidate(new ItemId("quiz-1"), new CourseId("bio101"), null, null, 10, null, [], 1, 2)], DateTimeOffset.UnixEpoch);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WeakAssemblyOf(LoadedPlugin plugin) => new(plugin.Recommender!.GetType().Assembly);

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 20 s");
            await Task.Delay(100);
        }
    }
}
