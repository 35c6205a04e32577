using OrleansKube.Client.Commands;

return await OkubeCli.RunAsync(args, CliContext.ForConsole());
