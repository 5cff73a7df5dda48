"""Schema migrations, applied in order; ``PRAGMA user_version`` holds how many have run.

Append a migration to change the schema; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: sessions, their breaks, locked days, and the outbox of finished/edited/deleted sessions.
    """
    CREATE TABLE sessions (
        id         TEXT PRIMARY KEY,        -- UUID, chosen on this device
        start_utc  TEXT NOT NULL,           -- ISO 8601 UTC, fixed width, so text order = time order
        end_utc    TEXT,                    -- NULL while the session runs
        zone       TEXT NOT NULL,           -- IANA zone it was recorded in
        note       TEXT NOT NULL DEFAULT '',
        flagged    INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX sessions_by_start ON sessions(start_utc);
    -- At most one running session, whatever writes (tray, CLI, two terminals).
    CREATE UNIQUE INDEX one_running_session ON sessions(end_utc IS NULL) WHERE end_utc IS NULL;
    CREATE TABLE breaks (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        start_utc  TEXT NOT NULL,
        end_utc    TEXT,
        PRIMARY KEY (session_id, start_utc)
    ) WITHOUT ROWID;
    CREATE TABLE locked_days (day TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE outbox (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id   TEXT NOT NULL,
        change       TEXT NOT NULL CHECK (change IN ('finished', 'edited', 'deleted')),
        session_json TEXT,                  -- the session after the change; NULL when deleted
        created_at   TEXT NOT NULL
    );
    CREATE INDEX outbox_by_session ON outbox(session_id, id);
    """,
    # 2: where each session stands on each backend, and backends paused by rejected credentials.
    """
    CREATE TABLE uploads (
        session_id        TEXT NOT NULL,
        backend           TEXT NOT NULL,             -- 'timetrack' | 'papershift'
        done_outbox_id    INTEGER NOT NULL DEFAULT 0, -- outbox entries up to here are on the server
        remote_id         TEXT,                      -- the server's id once a create landed
        sent_json         TEXT,                      -- the session as last sent (to look it up)
        claimed_by        TEXT,                      -- the process sending it now (or that died)
        claimed_at        TEXT,
        ambiguous         INTEGER NOT NULL DEFAULT 0, -- a write's fate is unknown: look up first
        attempts          INTEGER NOT NULL DEFAULT 0,
        next_attempt_at   TEXT,                      -- UTC; NULL means due now
        last_error        TEXT,
        problem_outbox_id INTEGER,                   -- needs attention: this entry failed for good
        updated_at        TEXT NOT NULL,
        PRIMARY KEY (session_id, backend)
    ) WITHOUT ROWID;
    CREATE TABLE backend_pauses (
        backend TEXT PRIMARY KEY,
        reason  TEXT NOT NULL,
        since   TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 3: the last moment the person was seen (one row, rewritten at most once a minute), so a
    # session left running by a quit, crash or power cut can be asked about on the next start;
    # and the reminders already shown each local day, so a restart doesn't repeat them.
    """
    CREATE TABLE activity (
        id                INTEGER PRIMARY KEY CHECK (id = 1),
        last_activity_utc TEXT NOT NULL,    -- last keyboard/mouse input seen (or awake, without)
        seen_utc          TEXT NOT NULL,    -- when the app last wrote this row
        session_id        TEXT              -- the session running then; NULL when clocked out
    );
    CREATE TABLE reminders_shown (
        day  TEXT NOT NULL,                 -- local date, YYYY-MM-DD
        kind TEXT NOT NULL,
        PRIMARY KEY (day, kind)
    ) WITHOUT ROWID;
    """,
    # 4: everything remote is keyed by the *destination* (vendor, address and the identity the
    # entries are filed under), never by the vendor alone: another account never sees this one's
    # ids. Rows written before keep the bare vendor name until the destination configured then
    # adopts them (storage/uploads.py). Creates whose fate was unknown are remembered until the
    # server is known to hold exactly one record of the session (TimeTrack has no client id).
    """
    ALTER TABLE uploads RENAME COLUMN backend TO destination;
    ALTER TABLE backend_pauses RENAME TO destination_pauses;
    ALTER TABLE destination_pauses RENAME COLUMN backend TO destination;
    CREATE TABLE destinations (
        key        TEXT PRIMARY KEY,        -- vendor, base URL and identity, as one string
        vendor     TEXT NOT NULL,
        label      TEXT NOT NULL,           -- how the user knows it: "TimeTrack at … as anna"
        fill_from  TEXT,                    -- UTC; older sessions are not sent there (NULL: all)
        first_used TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE unsure_creates (
        destination TEXT NOT NULL,
        session_id  TEXT NOT NULL,
        attempt     TEXT NOT NULL,          -- one per create sent (two may share a second)
        sent_at     TEXT NOT NULL,          -- UTC; a late commit may land until well after
        sent_json   TEXT NOT NULL,          -- the session as that create sent it
        -- Key columns first: SQLite 3.40's quick_check misreads a WITHOUT ROWID table whose
        -- NOT NULL column stands before a key column ("NULL value in …").
        PRIMARY KEY (destination, session_id, attempt)
    ) WITHOUT ROWID;
    -- UTC; set when the server said when to come back (Retry-After): even a run the user asked
    -- for waits until then, while our own backoff (next_attempt_at) gives way to the user.
    ALTER TABLE uploads ADD COLUMN not_before TEXT;
    """,
    # 5: the planned shifts last pulled from the destination (Papershift), so the week shows
    # them offline. A pull replaces the stored shifts of the range it read.
    """
    CREATE TABLE shifts (
        destination     TEXT NOT NULL,      -- Destination.key the shifts were read from
        id              TEXT NOT NULL,      -- the server's shift id
        start_utc       TEXT NOT NULL,      -- ISO 8601 UTC, fixed width
        end_utc         TEXT NOT NULL,
        working_area_id TEXT,
        note            TEXT NOT NULL DEFAULT '',
        own             INTEGER NOT NULL DEFAULT 0, -- the shift names our user (user_shift)
        pulled_at       TEXT NOT NULL,      -- UTC
        PRIMARY KEY (destination, id)
    ) WITHOUT ROWID;
    CREATE INDEX shifts_by_start ON shifts(destination, start_utc);
    """,
    # 6: the time account. Absences over local dates
    # (vacation, sick, time off against the balance, special leave), and changes to the balance
    # made by hand (overtime paid out, hours carried from elsewhere).
    """
    CREATE TABLE absences (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        kind       TEXT NOT NULL CHECK (kind IN ('vacation', 'sick', 'comp_time', 'other')),
        first      TEXT NOT NULL,           -- local date, YYYY-MM-DD
        last       TEXT NOT NULL,           -- local date, inclusive
        half       INTEGER NOT NULL DEFAULT 0 CHECK (half = 0 OR first = last),
        note       TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,           -- UTC
        CHECK (first <= last)
    );
    CREATE INDEX absences_by_first ON absences(first);
    CREATE TABLE balance_adjustments (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        day        TEXT NOT NULL,           -- local date it counts on, YYYY-MM-DD
        minutes    INTEGER NOT NULL,        -- added to the balance (negative: taken off)
        reason     TEXT NOT NULL,
        created_at TEXT NOT NULL            -- UTC
    );
    CREATE INDEX balance_adjustments_by_day ON balance_adjustments(day);
    -- Each finished local day's time in a viewer's zone, so the balance over years reads rows
    -- instead of splitting every session again. Only days before today are kept; the triggers
    -- forget every day a changed session or break may touch (its UTC dates ± 1 day cover the
    -- local days of any zone).
    CREATE TABLE day_time_cache (
        zone     TEXT NOT NULL,
        day      TEXT NOT NULL,            -- local date, YYYY-MM-DD
        worked_s REAL NOT NULL,
        break_s  REAL NOT NULL,
        PRIMARY KEY (zone, day)
    ) WITHOUT ROWID;
    CREATE TRIGGER sessions_added_forget_days AFTER INSERT ON sessions BEGIN
        DELETE FROM day_time_cache WHERE day BETWEEN date(NEW.start_utc, '-1 day')
            AND date(coalesce(NEW.end_utc, NEW.start_utc), '+1 day');
    END;
    CREATE TRIGGER sessions_changed_forget_days AFTER UPDATE ON sessions BEGIN
        DELETE FROM day_time_cache WHERE day BETWEEN date(OLD.start_utc, '-1 day')
            AND date(coalesce(OLD.end_utc, OLD.start_utc), '+1 day');
        DELETE FROM day_time_cache WHERE day BETWEEN date(NEW.start_utc, '-1 day')
            AND date(coalesce(NEW.end_utc, NEW.start_utc), '+1 day');
    END;
    CREATE TRIGGER sessions_deleted_forget_days AFTER DELETE ON sessions BEGIN
        DELETE FROM day_time_cache WHERE day BETWEEN date(OLD.start_utc, '-1 day')
            AND date(coalesce(OLD.end_utc, OLD.start_utc), '+1 day');
    END;
    CREATE TRIGGER breaks_added_forget_days AFTER INSERT ON breaks BEGIN
        DELETE FROM day_time_cache WHERE day BETWEEN date(NEW.start_utc, '-1 day')
            AND date(coalesce(NEW.end_utc, NEW.start_utc), '+1 day');
    END;
    CREATE TRIGGER breaks_changed_forget_days AFTER UPDATE ON breaks BEGIN
        DELETE FROM day_time_cache WHERE day BETWEEN date(OLD.start_utc, '-1 day')
            AND date(coalesce(OLD.end_utc, OLD.start_utc), '+1 day');
        DELETE FROM day_time_cache WHERE day BETWEEN date(NEW.start_utc, '-1 day')
            AND date(coalesce(NEW.end_utc, NEW.start_utc), '+1 day');
    END;
    CREATE TRIGGER breaks_deleted_forget_days AFTER DELETE ON breaks BEGIN
        DELETE FROM day_time_cache WHERE day BETWEEN date(OLD.start_utc, '-1 day')
            AND date(coalesce(OLD.end_utc, OLD.start_utc), '+1 day');
    END;
    """,
    # 7: the trail of every change to a session, written in the
    # same transaction as the change; and whether a person added or changed the session by hand
    # (TimeTrack's ``manual`` flag, the exports' "changed by hand").
    """
    CREATE TABLE session_history (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL,           -- no foreign key: the trail outlives the session
        at_utc     TEXT NOT NULL,
        action     TEXT NOT NULL CHECK (action IN ('created', 'edited', 'discarded', 'deleted')),
        source     TEXT NOT NULL
                   CHECK (source IN ('clock', 'hand', 'away_prompt', 'auto_clock_out', 'import')),
        changes    TEXT NOT NULL,           -- JSON {field: [old, new]}
        reason     TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX session_history_by_session ON session_history(session_id, id);
    ALTER TABLE sessions ADD COLUMN by_hand INTEGER NOT NULL DEFAULT 0;
    """,
    # 8: the sessions a manager has confirmed at a destination (Papershift's range listings say
    # ``confirmed`` per entry), learned whenever the app reads such a listing, so the week shows
    # them and editing them asks first, offline too. A listing that says "not confirmed"
    # removes the row.
    """
    CREATE TABLE confirmed_sessions (
        destination TEXT NOT NULL,          -- Destination.key of the listing
        session_id  TEXT NOT NULL,          -- the local session the confirmed entry is
        seen_at     TEXT NOT NULL,          -- UTC, when a listing last said so
        PRIMARY KEY (destination, session_id)
    ) WITHOUT ROWID;
    """,
]

LATEST = len(MIGRATIONS)
