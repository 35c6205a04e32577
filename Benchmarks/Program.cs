using OrleansKube.Benchmarks.Harness;

return await BenchmarkRunner.RunAsync(args);
