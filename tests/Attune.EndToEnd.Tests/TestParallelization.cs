// Each test class runs its own silo process; on a two-core machine, silos started side by side slow each other's
// start-up and would starve the crash test's load, so the classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
