// libtorch has one global random stream; tests that seed it and read it back must not interleave with tests that draw
// from it (initialization, dropout, random creators), so the classes of this assembly run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
