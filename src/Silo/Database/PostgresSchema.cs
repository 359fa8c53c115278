using Npgsql;

namespace Attune.Silo.Database;

/// <summary>
/// The PostgreSQL schema: the same tables as the SQLite journal (see <c>JournalSchema</c>) plus grain snapshots and
/// Data Protection keys, which SQLite mode keeps in their own files. <c>attune_schema</c> records the version; each
/// start-up applies the missing migrations in one transaction while holding an advisory lock. Append; never edit.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Arbitrary, fixed: the advisory lock every silo takes to migrate.</summary>
    private const long MigrationLock = 0x4174_7475_6E65_0001; // "Attune" 1

    private static readonly string[] Migrations =
    [
        // 1: everything the SQLite journal has at its version 5, in PostgreSQL types.
        """
        CREATE TABLE events (
            position     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            tenant       TEXT             NOT NULL,
            source       TEXT             NOT NULL,
            event_id     TEXT             NOT NULL,
            learner      TEXT             NOT NULL,
            learner_seq  BIGINT           NOT NULL,
            item         TEXT             NOT NULL,
            course       TEXT,
            kind         TEXT             NOT NULL,
            score        DOUBLE PRECISION,
            duration_s   DOUBLE PRECISION,
            occurred_at  BIGINT           NOT NULL, -- UTC ticks
            skills       TEXT,                      -- joined with U+001F
            recorded_at  BIGINT           NOT NULL, -- UTC ticks
            UNIQUE (tenant, source, event_id),
            UNIQUE (tenant, learner, learner_seq)
        );
        CREATE INDEX events_by_tenant ON events (tenant, position);
        CREATE TABLE course_learners (
            tenant  TEXT NOT NULL,
            course  TEXT NOT NULL,
            learner TEXT NOT NULL,
            PRIMARY KEY (tenant, course, learner)
        );
        CREATE TABLE course_item_learners (
            tenant  TEXT NOT NULL,
            course  TEXT NOT NULL,
            item    TEXT NOT NULL,
            learner TEXT NOT NULL,
            PRIMARY KEY (tenant, course, item, learner)
        );
        CREATE TABLE course_items_engagement (
            tenant    TEXT             NOT NULL,
            course    TEXT             NOT NULL,
            item      TEXT             NOT NULL,
            learners  BIGINT           NOT NULL,
            seconds   DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (tenant, course, item)
        );
        CREATE TABLE catalog_items (
            tenant      TEXT   NOT NULL,
            course      TEXT   NOT NULL,
            item        TEXT   NOT NULL,
            title       TEXT,
            kind        TEXT,
            minutes     DOUBLE PRECISION,
            skills      TEXT,
            due_at      BIGINT,
            updated_at  BIGINT NOT NULL,
            PRIMARY KEY (tenant, course, item)
        );
        CREATE TABLE tenant_keys (
            tenant      TEXT PRIMARY KEY,
            key_hash    TEXT   NOT NULL,
            created_at  BIGINT NOT NULL
        );
        CREATE TABLE models (
            tenant          TEXT    NOT NULL,
            recommender     TEXT    NOT NULL,
            version         BIGINT  NOT NULL,
            created_at      BIGINT  NOT NULL,
            duration_ms     BIGINT  NOT NULL,
            plugin_version  TEXT    NOT NULL,
            format          TEXT    NOT NULL,
            data            BYTEA   NOT NULL,
            metrics         TEXT    NOT NULL,
            events          BIGINT  NOT NULL,
            serving         BIGINT  NOT NULL DEFAULT 0,
            note            TEXT,
            trained_upto    BIGINT  NOT NULL DEFAULT 0,
            PRIMARY KEY (tenant, recommender, version)
        );
        CREATE TABLE connections (
            id          TEXT PRIMARY KEY,
            tenant      TEXT   NOT NULL,
            kind        TEXT   NOT NULL,
            url         TEXT   NOT NULL,
            token       TEXT   NOT NULL,
            schedule    TEXT   NOT NULL,
            settings    TEXT   NOT NULL,
            created_at  BIGINT NOT NULL,
            cursor      TEXT,
            status      TEXT   NOT NULL
        );
        CREATE TABLE learner_profiles (
            tenant      TEXT   NOT NULL,
            learner     TEXT   NOT NULL,
            profile     TEXT   NOT NULL,
            updated_at  BIGINT NOT NULL,
            PRIMARY KEY (tenant, learner)
        );
        CREATE TABLE grain_state (
            state_name  TEXT   NOT NULL,
            grain_id    TEXT   NOT NULL,
            etag        BIGINT NOT NULL,
            payload     BYTEA  NOT NULL,
            updated_at  BIGINT NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        );
        CREATE TABLE data_protection_keys (
            name        TEXT PRIMARY KEY,
            xml         TEXT   NOT NULL,
            created_at  BIGINT NOT NULL
        );
        """,
        // 2: as SQLite's 6: each catalog item's place in the course's structure, as JSON.
        """
        ALTER TABLE catalog_items ADD COLUMN structure TEXT;
        """,
        // 3: the SQLite journal's version 7: per LMS site, the identity map, statements skipped per verb, course titles.
        """
        CREATE TABLE lms_identities (
            tenant      TEXT   NOT NULL,
            source      TEXT   NOT NULL,
            kind        TEXT   NOT NULL,
            value       TEXT   NOT NULL,
            learner     TEXT   NOT NULL,
            origin      TEXT   NOT NULL,
            updated_at  BIGINT NOT NULL,
            PRIMARY KEY (tenant, source, kind, value)
        );
        CREATE INDEX lms_identities_by_learner ON lms_identities (tenant, source, learner);
        CREATE TABLE lms_ignored_verbs (
            tenant      TEXT   NOT NULL,
            source      TEXT   NOT NULL,
            verb        TEXT   NOT NULL,
            count       BIGINT NOT NULL,
            last_at     BIGINT NOT NULL,
            PRIMARY KEY (tenant, source, verb)
        );
        CREATE TABLE catalog_courses (
            tenant      TEXT   NOT NULL,
            course      TEXT   NOT NULL,
            title       TEXT,
            short_name  TEXT,
            updated_at  BIGINT NOT NULL,
            PRIMARY KEY (tenant, course)
        );
        """,
        // 4: the SQLite journal's version 8: learners whose grains rebuild their state after a repair rewrote their journal.
        """
        CREATE TABLE learner_rebuilds (
            tenant        TEXT   NOT NULL,
            learner       TEXT   NOT NULL,
            requested_at  BIGINT NOT NULL,
            PRIMARY KEY (tenant, learner)
        );
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    public static void Migrate(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        using var tx = connection.BeginTransaction();
        using (var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", connection, tx))
        {
            cmd.Parameters.AddWithValue("lock", MigrationLock);
            cmd.ExecuteNonQuery();
        }
        using (var cmd = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS attune_schema (version INTEGER NOT NULL, migrated_at TIMESTAMPTZ NOT NULL DEFAULT now())", connection, tx))
        {
            cmd.ExecuteNonQuery();
        }
        int current;
        using (var cmd = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM attune_schema", connection, tx))
        {
            current = Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        if (current > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"{PostgresJournalDatabase.Setting}: the database has Attune schema version {current}, newer than this build knows " +
                $"({Migrations.Length}). Run a newer Attune or point the setting at another database.");
        }
        for (var v = current; v < Migrations.Length; v++)
        {
            using var cmd = new NpgsqlCommand(Migrations[v], connection, tx);
            cmd.ExecuteNonQuery();
            using var record = new NpgsqlCommand("INSERT INTO attune_schema (version) VALUES (@v)", connection, tx);
            record.Parameters.AddWithValue("v", v + 1);
            record.ExecuteNonQuery();
        }
        tx.Commit();
    }
}
