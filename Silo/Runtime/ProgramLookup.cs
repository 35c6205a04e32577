namespace OrleansKube.Silo.Runtime;

/// <summary>Finds the program of a command as <c>execvp</c> would, so that a missing one is reported before anything starts.</summary>
internal static class ProgramLookup
{
    private const UnixFileMode Executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>
    /// The program's path, or the runtime's error for it (in the words runc uses). A name with a slash is taken
    /// relative to <paramref name="workingDirectory"/>; any other name is searched on <paramref name="path"/>.
    /// </summary>
    public static (string? Program, string? Error) Resolve(string name, string? path, string workingDirectory)
    {
        if (name.Length == 0)
        {
            return (null, "exec: \"\": executable file not found in $PATH");
        }

        if (name.Contains('/'))
        {
            var candidate = Path.GetFullPath(name, workingDirectory);
            return !File.Exists(candidate)
                ? (null, $"exec: \"{name}\": stat {name}: no such file or directory")
                : IsExecutable(candidate)
                    ? (candidate, null)
                    : (null, $"exec: \"{name}\": permission denied");
        }

        foreach (var directory in (path ?? "").Split(':'))
        {
            // An empty PATH entry means the current directory, as for execvp.
            var candidate = Path.Combine(directory.Length == 0 ? workingDirectory : Path.GetFullPath(directory, workingDirectory), name);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return (candidate, null);
            }
        }

        return (null, $"exec: \"{name}\": executable file not found in $PATH");
    }

    private static bool IsExecutable(string file) => OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & Executable) != 0;
}
