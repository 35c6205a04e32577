using OrleansKube.Silo.Hosting;

if (!SiloSettings.TryRead(args, out var settings, out var error))
{
    Console.Error.WriteLine($"error: {error}");
    return 2;
}

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddOrleansKube(settings);
}
catch (NotSupportedException e)
{
    // A choice this build cannot serve yet (--storage azuretable).
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

var app = builder.Build();
app.MapOrleansKube();
await app.RunAsync();
return 0;
