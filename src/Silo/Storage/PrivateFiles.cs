namespace Attune.Silo.Storage;

/// <summary>
/// The data folder holds every learner's events and the keys that decrypt LMS tokens, so on Unix what Attune creates
/// there is the service user's alone: folders 0700, files 0600. SQLite gives a database's <c>-wal</c> and <c>-shm</c>
/// files the mode of the database file, so creating that file first, private, covers them too.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly string[] SqliteCompanions = ["-wal", "-shm", "-journal"];

    /// <summary>Creates <paramref name="path"/> as a 0700 folder when missing; an existing folder keeps its mode (an operator's choice).</summary>
    public static DirectoryInfo Folder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }
        return Directory.Exists(path) ? new DirectoryInfo(path) : Directory.CreateDirectory(path, FolderMode);
    }

    /// <summary>A folder that only Attune uses (the Data Protection keys): created 0700, and made 0700 if it was not.</summary>
    public static DirectoryInfo OwnFolder(string path)
    {
        var folder = Folder(path);
        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(path) != FolderMode)
        {
            File.SetUnixFileMode(path, FolderMode);
        }
        return folder;
    }

    /// <summary>
    /// Makes sure the SQLite database at <paramref name="path"/> exists as a 0600 file before SQLite opens it (an empty file
    /// is an empty database), and brings an existing one and its companions (written by an older version) to 0600.
    /// </summary>
    public static string Database(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return path;
        }
        if (!File.Exists(path))
        {
            try
            {
                using var created = new FileStream(path, new FileStreamOptions
                {
                    Mode = System.IO.FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = FileMode,
                });
            }
            catch (IOException) when (File.Exists(path))
            {
                // Created meanwhile by another opener; tightened below.
            }
        }
        foreach (var file in SqliteCompanions.Select(suffix => path + suffix).Prepend(path))
        {
            Tighten(file);
        }
        return path;
    }

    /// <summary>Brings an existing file to 0600 when it is more open than that.</summary>
    public static void Tighten(string file)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(file) && (File.GetUnixFileMode(file) & ~FileMode) != 0)
        {
            File.SetUnixFileMode(file, FileMode);
        }
    }
}
