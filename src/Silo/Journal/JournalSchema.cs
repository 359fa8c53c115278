using Microsoft.Data.Sqlite;

namespace Attune.Silo.Journal;

/// <summary>
/// The journal database's schema, as an ordered list of migrations. <c>PRAGMA user_version</c> records how
/// many have run; start-up applies the rest in one transaction. Append new migrations; never edit shipped ones.
/// </summary>
internal static class JournalSchema
{
    private static readonly string[] Migrations =
    [
        // 1: the journal, the learner sequence index, the per-course projections ingestion maintains,
        // the catalog, and hashed tenant keys created at first start.
        """
        CREATE TABLE events (
            position     INTEGER PRIMARY KEY,
            tenant       TEXT    NOT NULL,
            source       TEXT    NOT NULL,
            event_id     TEXT    NOT NULL,
            learner      TEXT    NOT NULL,
            learner_seq  INTEGER NOT NULL,
            item         TEXT    NOT NULL,
            course       TEXT,
            kind         TEXT    NOT NULL,
            score        REAL,
            duration_s   REAL,
            occurred_at  INTEGER NOT NULL, -- UTC ticks
            skills       TEXT,             -- joined with U+001F; identifiers cannot contain control characters
            recorded_at  INTEGER NOT NULL, -- UTC ticks
            UNIQUE (tenant, source, event_id),
            UNIQUE (tenant, learner, learner_seq)
        );
        CREATE TABLE course_learners (
            tenant  TEXT NOT NULL,
            course  TEXT NOT NULL,
            learner TEXT NOT NULL,
            PRIMARY KEY (tenant, course, learner)
        ) WITHOUT ROWID;
        CREATE TABLE course_item_learners (
            tenant  TEXT NOT NULL,
            course  TEXT NOT NULL,
            item    TEXT NOT NULL,
            learner TEXT NOT NULL,
            PRIMARY KEY (tenant, course, item, learner)
        ) WITHOUT ROWID;
        CREATE TABLE course_items_engagement (
            tenant          TEXT    NOT NULL,
            course          TEXT    NOT NULL,
            item            TEXT    NOT NULL,
            learners        INTEGER NOT NULL,
            seconds         REAL    NOT NULL, -- total time on task of all learners

            PRIMARY KEY (tenant, course, item)
        ) WITHOUT ROWID;
        CREATE TABLE catalog_items (
            tenant      TEXT NOT NULL,
            course      TEXT NOT NULL,
            item        TEXT NOT NULL,
            title       TEXT,
            kind        TEXT,
            minutes     REAL,
            skills      TEXT,
            due_at      INTEGER,
            updated_at  INTEGER NOT NULL,
            PRIMARY KEY (tenant, course, item)
        ) WITHOUT ROWID;
        CREATE TABLE tenant_keys (
            tenant      TEXT PRIMARY KEY,
            key_hash    TEXT NOT NULL,
            created_at  INTEGER NOT NULL
        );
        """,
        // 2: reading one tenant's journal in order (training, evaluation), and trained model versions.
        """
        CREATE INDEX events_by_tenant ON events (tenant, position);
        CREATE TABLE models (
            tenant          TEXT    NOT NULL,
            recommender     TEXT    NOT NULL,
            version         INTEGER NOT NULL,
            created_at      INTEGER NOT NULL,
            duration_ms     INTEGER NOT NULL,
            plugin_version  TEXT    NOT NULL,
            format          TEXT    NOT NULL,
            data            BLOB    NOT NULL,
            metrics         TEXT    NOT NULL, -- JSON object of name -> number
            events          INTEGER NOT NULL, -- journal events the model was trained on
            serving         INTEGER NOT NULL DEFAULT 0,
            note            TEXT,
            PRIMARY KEY (tenant, recommender, version)
        ) WITHOUT ROWID;
        """,
        // 3: LMS connections with their protected token, cursor and last sync status.
        """
        CREATE TABLE connections (
            id              TEXT PRIMARY KEY,
            tenant          TEXT    NOT NULL,
            kind            TEXT    NOT NULL,
            url             TEXT    NOT NULL,
            token           TEXT    NOT NULL, -- Data Protection ciphertext, or "env:NAME" (a secret reference)
            schedule        TEXT    NOT NULL,
            settings        TEXT    NOT NULL, -- JSON object of kind-specific settings
            created_at      INTEGER NOT NULL,
            cursor          TEXT,
            status          TEXT    NOT NULL  -- JSON of the last sync's outcome
        );
        """,
        // 4: what learners say about themselves (goals, interests, minutes per day), durable like the journal.
        """
        CREATE TABLE learner_profiles (
            tenant      TEXT    NOT NULL,
            learner     TEXT    NOT NULL,
            profile     TEXT    NOT NULL, -- JSON: goals, interests, minutesPerDay
            updated_at  INTEGER NOT NULL,
            PRIMARY KEY (tenant, learner)
        ) WITHOUT ROWID;
        """,
        // 5: the journal position each model version was trained up to, so holdouts never include what a model saw.
        """
        ALTER TABLE models ADD COLUMN trained_upto INTEGER NOT NULL DEFAULT 0;
        """,
        // 6: each catalog item's place in the course's structure (section, position, prerequisites, completion, URL), as JSON.
        """
        ALTER TABLE catalog_items ADD COLUMN structure TEXT;
        """,
        // 7: per LMS site, the identity map (every name the site has for a learner), statements skipped per verb,
        // and course titles as the LMS gives them.
        """
        CREATE TABLE lms_identities (
            tenant      TEXT    NOT NULL,
            source      TEXT    NOT NULL, -- the site, e.g. moodle:lms.example.edu
            kind        TEXT    NOT NULL, -- user-id, login, email, sis-id, lti-subject
            value       TEXT    NOT NULL, -- emails lower-cased, without mailto:
            learner     TEXT    NOT NULL,
            origin      TEXT    NOT NULL, -- pull (refreshed by every sync) or admin (a correction syncs never overwrite)
            updated_at  INTEGER NOT NULL,
            PRIMARY KEY (tenant, source, kind, value)
        ) WITHOUT ROWID;
        CREATE INDEX lms_identities_by_learner ON lms_identities (tenant, source, learner);
        CREATE TABLE lms_ignored_verbs (
            tenant      TEXT    NOT NULL,
            source      TEXT    NOT NULL,
            verb        TEXT    NOT NULL, -- an xAPI verb IRI or a Live Event name
            count       INTEGER NOT NULL,
            last_at     INTEGER NOT NULL,
            PRIMARY KEY (tenant, source, verb)
        ) WITHOUT ROWID;
        CREATE TABLE catalog_courses (
            tenant      TEXT    NOT NULL,
            course      TEXT    NOT NULL,
            title       TEXT,
            short_name  TEXT,
            updated_at  INTEGER NOT NULL,
            PRIMARY KEY (tenant, course)
        ) WITHOUT ROWID;
        """,
        // 8: learners whose journal a repair rewrote (events re-keyed away or onto them): their grains rebuild their state
        // from the journal, and the mark stays until the rebuild is done, so a crash between the two is finished later.
        """
        CREATE TABLE learner_rebuilds (
            tenant        TEXT    NOT NULL,
            learner       TEXT    NOT NULL,
            requested_at  INTEGER NOT NULL,
            PRIMARY KEY (tenant, learner)
        ) WITHOUT ROWID;
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the database to <see cref="LatestVersion"/>; refuses a database written by a newer Attune.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        var current = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"));
        if (current > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The journal database has schema version {current}, newer than this build knows ({Migrations.Length}). " +
                "Run a newer Attune or point Attune:DataPath elsewhere.");
        }
        if (current == Migrations.Length)
        {
            return;
        }
        using var tx = connection.BeginTransaction();
        for (var v = current; v < Migrations.Length; v++)
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = Migrations[v];
            cmd.ExecuteNonQuery();
        }
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = $"PRAGMA user_version = {Migrations.Length};";
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
