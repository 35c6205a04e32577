namespace OrleansKube.Kinds.Manifests;

/// <summary>A manifest that could not be read: every problem found in the file, one line each, naming the object or document.</summary>
public sealed class ManifestException : Exception
{
    public ManifestException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors ?? throw new ArgumentNullException(nameof(errors))))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}
