"""Schema migrations of the server database, applied in order; `PRAGMA user_version` counts them.

Never edit a released migration: append a new one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, ...]] = [
    (
        """CREATE TABLE users (
            login TEXT PRIMARY KEY,
            display_name TEXT NOT NULL,
            is_admin INTEGER NOT NULL DEFAULT 0,
            may_create_projects INTEGER NOT NULL DEFAULT 0,
            groups_json TEXT NOT NULL DEFAULT '[]',
            created_ms INTEGER NOT NULL
        )""",
        """CREATE TABLE api_keys (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            login TEXT NOT NULL REFERENCES users(login) ON DELETE CASCADE,
            key_hash BLOB NOT NULL UNIQUE,
            label TEXT NOT NULL,
            created_ms INTEGER NOT NULL
        )""",
        """CREATE TABLE projects (
            project_key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            owner TEXT NOT NULL,
            description TEXT,
            tags_json TEXT NOT NULL DEFAULT '[]',
            permissions_json TEXT NOT NULL DEFAULT '[]',
            settings_json TEXT,
            created_ms INTEGER NOT NULL
        )""",
        # Current state of every file of a project library, kept in step with the files on disk.
        """CREATE TABLE library_files (
            project_key TEXT NOT NULL REFERENCES projects(project_key) ON DELETE CASCADE,
            path TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            author TEXT NOT NULL,
            changed_ms INTEGER NOT NULL,
            change_seq INTEGER NOT NULL,
            PRIMARY KEY (project_key, path)
        )""",
        # Every change of a library file, in order: who changed which file, when, to what content.
        """CREATE TABLE library_changes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            project_key TEXT NOT NULL REFERENCES projects(project_key) ON DELETE CASCADE,
            path TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('write', 'delete')),
            content_hash TEXT,
            size INTEGER,
            author TEXT NOT NULL,
            changed_ms INTEGER NOT NULL
        )""",
        "CREATE INDEX library_changes_by_project ON library_changes(project_key, seq)",
        """CREATE TABLE templates (
            id TEXT PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            settings_json TEXT NOT NULL,
            build_for_json TEXT NOT NULL DEFAULT '[]',
            last_built_ms INTEGER NOT NULL DEFAULT 0,
            created_ms INTEGER NOT NULL
        )""",
        """CREATE TABLE builds (
            job_id TEXT PRIMARY KEY,
            template_id TEXT NOT NULL,
            template_uid TEXT NOT NULL,
            started_ms INTEGER NOT NULL,
            ended_ms INTEGER,
            outcome TEXT NOT NULL DEFAULT 'RUNNING',
            output_name TEXT
        )""",
        """CREATE TABLE futures (
            job_id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            owner TEXT NOT NULL,
            display_name TEXT NOT NULL,
            target TEXT,
            state TEXT NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'FAILED', 'ABORTED')),
            start_ms INTEGER NOT NULL,
            end_ms INTEGER,
            result_json TEXT,
            error_json TEXT,
            progress_json TEXT
        )""",
        "CREATE INDEX futures_by_state ON futures(state, end_ms)",
        """CREATE TABLE code_studios (
            project_key TEXT NOT NULL REFERENCES projects(project_key) ON DELETE CASCADE,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            template_id TEXT NOT NULL,
            lib_name TEXT NOT NULL,
            owner TEXT NOT NULL,
            settings_json TEXT NOT NULL DEFAULT '{}',
            created_ms INTEGER NOT NULL,
            PRIMARY KEY (project_key, id)
        )""",
        "CREATE INDEX code_studios_by_template ON code_studios(template_id)",
        # Instance-wide facts, e.g. whether the first-start content (the default template) was made.
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ),
    (
        # The lifecycle of each code studio: its state, when it last changed (never going back), the
        # future driving its current transition, and its run (zones, exposed ports) as JSON.
        "ALTER TABLE code_studios ADD COLUMN state TEXT NOT NULL DEFAULT 'STOPPED'"
        " CHECK (state IN ('STOPPED', 'STARTING', 'RUNNING', 'STOPPING'))",
        "ALTER TABLE code_studios ADD COLUMN state_changed_ms INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE code_studios ADD COLUMN job_id TEXT",
        "ALTER TABLE code_studios ADD COLUMN run_json TEXT",
        # Who changed the DSS side of the zones other than the project library (studio pulls, starter
        # files); `folder` is relative to the data directory.
        """CREATE TABLE zone_changes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            folder TEXT NOT NULL,
            path TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('write', 'delete')),
            content_hash TEXT,
            author TEXT NOT NULL,
            changed_ms INTEGER NOT NULL
        )""",
        "CREATE INDEX zone_changes_by_path ON zone_changes(folder, path, seq)",
    ),
    (
        # A project's settings (what `createProject` was given, up to a JSON body's size) are kept
        # apart from its summary: listing projects and checking access never read them.
        """CREATE TABLE project_settings (
            project_key TEXT PRIMARY KEY REFERENCES projects(project_key) ON DELETE CASCADE,
            settings_json TEXT NOT NULL
        )""",
        """INSERT INTO project_settings (project_key, settings_json)
            SELECT project_key, settings_json FROM projects WHERE settings_json IS NOT NULL""",
        # The column stays (older SQLite cannot drop it) but is emptied: nothing reads it any more.
        "UPDATE projects SET settings_json = NULL",
        # Who may read a project, besides its owner and the administrators: one row per user or
        # group a permission item names, with the access it grants (1 read, 2 write, 3 admin), so
        # that a listing selects the projects a caller may read without reading the others. Filled
        # by the projects service from `permissions_json` (`grants_indexed` = 0 until it has).
        """CREATE TABLE project_grants (
            project_key TEXT NOT NULL REFERENCES projects(project_key) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('user', 'group')),
            name TEXT NOT NULL,
            access INTEGER NOT NULL,
            PRIMARY KEY (kind, name, project_key)
        ) WITHOUT ROWID""",
        "ALTER TABLE projects ADD COLUMN grants_indexed INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX projects_by_owner ON projects(owner)",
    ),
    (
        # A project's metadata beyond its summary columns (custom metadata, checklists, short
        # description), and who changed its metadata, settings or permissions last.
        "ALTER TABLE projects ADD COLUMN metadata_json TEXT",
        "ALTER TABLE projects ADD COLUMN version_number INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE projects ADD COLUMN modified_ms INTEGER",
        "ALTER TABLE projects ADD COLUMN modified_by TEXT",
        # The code environments an administrator declared: the server installs none, but templates
        # (`add_codeenv`, import remapping) and project settings name them.
        """CREATE TABLE code_envs (
            env_lang TEXT NOT NULL CHECK (env_lang IN ('PYTHON', 'R')),
            env_name TEXT NOT NULL,
            owner TEXT NOT NULL,
            definition_json TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            PRIMARY KEY (env_lang, env_name)
        )""",
    ),
]
