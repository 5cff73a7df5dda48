from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from clockapp.domain.errors import UserError
from clockapp.domain.session import WorkSession
from clockapp.domain.uploads import UploadStatus
from clockapp.storage import Change, Store
from clockapp.storage.uploads import STALE_CLAIM, UploadLedger

T0 = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
TT = "timetrack"


def finished(store: Store, start: datetime = T0) -> WorkSession:
    s = WorkSession(
        id=uuid.uuid4(), start=start, end=start + timedelta(hours=8), zone="Europe/Berlin"
    )
    with store.write():
        store.save_session(s, Change.FINISHED)
    return s


def test_a_finished_session_is_due_until_it_succeeds(store: Store) -> None:
    ledger = UploadLedger(store)
    s = finished(store)
    assert ledger.due(TT, T0) == [s.id]
    p = ledger.claim(TT, s.id, "me", T0)
    assert p is not None and p.change is Change.FINISHED and p.session == s and not p.ambiguous
    assert ledger.due(TT, T0) == []  # claimed by a live process
    ledger.succeeded(TT, s.id, p.outbox_id, "R1")
    assert ledger.due(TT, T0 + STALE_CLAIM * 2) == []
    assert ledger.statuses(TT, T0)[s.id].status is UploadStatus.UPLOADED
    assert ledger.remote_ids(TT) == {"R1": s.id}


def test_an_edit_before_upload_folds_into_one_change(store: Store) -> None:
    ledger = UploadLedger(store)
    s = finished(store)
    edited = s.with_changes(note="fixed")
    with store.write():
        store.save_session(edited, Change.EDITED)
    p = ledger.claim(TT, s.id, "me", T0)
    assert (
        p is not None and p.change is Change.EDITED and p.session == edited and p.remote_id is None
    )


def test_a_deletion_carries_the_last_version_for_lookups(store: Store) -> None:
    ledger = UploadLedger(store)
    s = finished(store)
    assert ledger.claim(TT, s.id, "me", T0) is not None  # a create went out ...
    ledger.retry_later(TT, s.id, T0, "no answer", ambiguous=True)  # ... and its answer was lost
    with store.write():
        store.delete_session(s)
    p = ledger.claim(TT, s.id, "me", T0)
    assert p is not None and p.change is Change.DELETED and p.session == s


def test_a_claim_left_by_a_dead_process_makes_the_upload_ambiguous(store: Store) -> None:
    ledger = UploadLedger(store)
    s = finished(store)
    assert ledger.claim(TT, s.id, "dead", T0) is not None
    assert ledger.claim(TT, s.id, "alive", T0 + timedelta(seconds=5)) is None
    later = T0 + STALE_CLAIM + timedelta(seconds=1)
    assert ledger.due(TT, later) == [s.id]
    p = ledger.claim(TT, s.id, "alive", later)
    assert p is not None and p.ambiguous


def test_retry_later_waits_and_counts_attempts(store: Store) -> None:
    ledger = UploadLedger(store)
    s = finished(store)
    ledger.claim(TT, s.id, "me", T0)
    ledger.retry_later(TT, s.id, T0 + timedelta(minutes=1), "Server error 503", ambiguous=True)
    assert ledger.due(TT, T0 + timedelta(seconds=59)) == []
    info = ledger.statuses(TT, T0)[s.id]
    assert info.status is UploadStatus.WAITING and str(info.detail) == "Server error 503"
    assert info.next_attempt_at == T0 + timedelta(minutes=1)
    p = ledger.claim(TT, s.id, "me", T0 + timedelta(minutes=1))
    assert p is not None and p.ambiguous and p.attempts == 1


def test_needs_attention_parks_one_change_and_a_new_edit_retries(store: Store) -> None:
    ledger = UploadLedger(store)
    a, b = finished(store), finished(store, T0 + timedelta(days=1))
    p = ledger.claim(TT, a.id, "me", T0)
    assert p is not None
    ledger.needs_attention(TT, a.id, p.outbox_id, "422: from must be before to")
    assert ledger.due(TT, T0) == [b.id]
    assert ledger.statuses(TT, T0)[a.id].status is UploadStatus.NEEDS_ATTENTION
    assert ledger.counts(TT, T0)[UploadStatus.NEEDS_ATTENTION] == 1
    with store.write():
        store.save_session(a.with_changes(note="x"), Change.EDITED)
    assert ledger.due(TT, T0) == [a.id, b.id] or set(ledger.due(TT, T0)) == {a.id, b.id}


def test_a_paused_backend_shows_every_pending_session_as_paused(store: Store) -> None:
    ledger = UploadLedger(store)
    s = finished(store)
    ledger.pause(TT, "TimeTrack rejected the API key (401).")
    assert ledger.statuses(TT, T0)[s.id].status is UploadStatus.PAUSED
    ledger.resume(TT)
    assert ledger.statuses(TT, T0)[s.id].status is UploadStatus.SAVED


def test_backends_keep_their_own_progress(store: Store) -> None:
    ledger = UploadLedger(store)
    s = finished(store)
    p = ledger.claim(TT, s.id, "me", T0)
    assert p is not None
    ledger.succeeded(TT, s.id, p.outbox_id, "R1")
    assert ledger.due("papershift", T0) == [s.id]


def test_an_error_is_kept_as_its_sentence_and_values_and_old_plain_rows_still_read(
    store: Store,
) -> None:
    ledger = UploadLedger(store)
    s = finished(store)
    ledger.claim(TT, s.id, "me", T0)
    refused = UserError(
        '{label} refused this (error {status}): "{said}"',
        label="TimeTrack",
        status=422,
        said='{"x": 1}',
    )
    ledger.needs_attention(TT, s.id, 1, refused)
    [detail] = [i.detail for i in ledger.statuses(TT, T0).values()]
    assert detail is not None and (detail.text, detail.values) == (refused.text, refused.values)
    assert str(detail) == 'TimeTrack refused this (error 422): "{"x": 1}"'
    # A row written before errors were kept this way holds the English sentence: shown as is.
    with store.write():
        store._conn.execute(
            "UPDATE uploads SET last_error = ?", ("TimeTrack refused it (422): {odd} text",)
        )
    [detail] = [i.detail for i in ledger.statuses(TT, T0).values()]
    assert detail is not None and str(detail) == "TimeTrack refused it (422): {odd} text"
    assert detail.values == {}
