using System.CommandLine;
using OrleansKube.Api;
using OrleansKube.Client.Output;
using OrleansKube.Kinds;
using OrleansKube.Kinds.Validation;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Client.Commands;

/// <summary><c>okube create namespace NAME</c>.</summary>
internal static class CreateCommand
{
    public static Command Create(Verbs verbs)
    {
        var name = CommonOptions.Positional<string>("NAME", "The namespace's name", ArgumentArity.ExactlyOne);
        var createNamespace = new Command("namespace", "Create a namespace") { name };
        createNamespace.Aliases.Add("ns");
        createNamespace.SetAction((result, cancellationToken) => verbs.RunAsync(() =>
        {
            var ns = ObjectDefaults.Apply(new Namespace { Metadata = new ObjectMeta { Name = result.GetValue(name) } });
            var errors = ObjectValidator.Validate(ns);
            if (!errors.IsEmpty)
            {
                return Task.FromResult(verbs.Context.Fail(ApiException.FormatInvalid(ns.Kind, ns.Metadata.Name, errors)));
            }

            return verbs.WithClusterAsync(result, async grains =>
            {
                var created = await grains.GetObjectGrain<Namespace>(null, ns.Metadata.Name!).CreateAsync(ns);
                verbs.Context.Out.WriteLine($"{ObjectPrinter.NameOf(created)} created");
                return ExitCodes.Success;
            }, cancellationToken);
        }, cancellationToken));

        return new Command("create", "Create an object") { createNamespace };
    }
}
