using OrleansKube.Silo.Hosting;

if (!SiloSettings.TryRead(args, out var settings, out var error))
{
    Console.Error.WriteLine($"error: {error}");
    return 2;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddOrleansKube(settings);

var app = builder.Build();
app.MapOrleansKube();
await app.RunAsync();
return 0;
