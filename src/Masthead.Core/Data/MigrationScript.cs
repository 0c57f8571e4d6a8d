using System.Reflection;

namespace Masthead.Core.Data;

/// <summary>
/// SQL a migration runs that EF Core cannot express (search tables, triggers, functions), kept as a frozen file
/// beside the migration (Migrations/Sql, embedded by name): an old migration runs the same text for ever, whatever
/// the live code that repairs or rebuilds the same objects becomes.
/// </summary>
public static class MigrationScript
{
    public static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The migration script {name} is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
