using Attune.Silo.Storage;
using Microsoft.Data.Sqlite;

namespace Attune.Silo.Tests.Storage;

/// <summary>What Attune creates in its data folder is the service user's alone: folders 0700, files 0600.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void AFolderIsCreated0700()
    {
        var path = Path.Combine(_temp.Path, "data", "nested");

        PrivateFiles.Folder(path);

        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(path));
    }

    [Fact]
    public void ADatabaseAndTheFilesSqliteAddsBesideItAre0600()
    {
        var path = Path.Combine(_temp.Path, "journal.db");

        PrivateFiles.Database(path);
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);";
            cmd.ExecuteNonQuery();
            Assert.True(File.Exists(path + "-wal"));
            Assert.All(new[] { path, path + "-wal", path + "-shm" }, f => Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(f)));
        }
    }

    [Fact]
    public void AnExistingOpenFileIsTightenedAndAnOwnFolderToo()
    {
        var folder = Path.Combine(_temp.Path, "keys");
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var file = Path.Combine(_temp.Path, "grains.db");
        File.WriteAllBytes(file, []);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        PrivateFiles.Database(file);
        PrivateFiles.OwnFolder(folder);

        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file));
        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(folder));
    }

    public void Dispose() => _temp.Dispose();
}
