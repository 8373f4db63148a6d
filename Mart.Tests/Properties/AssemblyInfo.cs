// Each end-to-end test starts real servers and processes; on a two-core machine they are faster one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
