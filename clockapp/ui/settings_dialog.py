"""Settings: where sessions are uploaded, target minutes per weekday, idle and auto clock-out,
start at login.

Secrets are typed into password fields and go only to the keyring, through the same service
the command line uses; an empty secret field keeps the stored one. Fields the admin policy
locks are shown, disabled, with the reason. "Test connection" checks what is on screen, before
anything is saved, in the background on the qasync loop; saving asks the keyring there too.
Opened with ``open()``, never ``exec()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from clockapp.domain.uploads import redact_url
from clockapp.platform.autostart import Autostart, AutostartError, for_this_os
from clockapp.services import backend_config as config
from clockapp.services.backends import BACKENDS, LABELS
from clockapp.services.holidays import GERMAN_STATES, NO_REGION
from clockapp.settings import SETTINGS, WEEKDAYS, Settings, SettingsError
from clockapp.ui.i18n import explain, ui_language
from clockapp.ui.qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QLocale,
    QPushButton,
    QShowEvent,
    QSpinBox,
    QStackedWidget,
    Qt,
    QValidator,
    QVBoxLayout,
    QWidget,
)
from clockapp.ui.upload_status import destination_text

if TYPE_CHECKING:
    from clockapp.domain.uploads import Destination, Preview
from clockapp.ui.screen_fit import ContentScrollArea, fit_to_screen

log = logging.getLogger(__name__)
T = TypeVar("T")

KINDS = ("none", *BACKENDS)


class SettingsDialog(QDialog):
    """Emits ``accepted`` once everything is saved; a refusal keeps it open with the reason."""

    def __init__(
        self,
        settings: Settings,
        secrets: Any,
        parent: QWidget | None = None,
        autostart: Autostart | None = None,
        preview: Callable[[Destination], Preview | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.secrets = secrets
        #: What a destination would receive now (``SyncService.preview``), to say before saving.
        self._preview = preview
        self.autostart = autostart or for_this_os()
        self._test_task: asyncio.Task[None] | None = None
        self._saving: asyncio.Task[None] | None = None
        # Without the app's name: Qt appends it (the application display name) itself.
        self.setWindowTitle(self.tr("Settings"))
        locked_text = self.tr("Set by your IT department.")

        # -- where sessions go ------------------------------------------------------------------
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("HR system"))
        for kind, label in zip(
            KINDS,
            (self.tr("None — keep sessions on this computer"), *LABELS.values()),
            strict=True,
        ):
            self.kind.addItem(label, kind)
        self.pages = QStackedWidget()
        self.pages.addWidget(QLabel(self.tr("Sessions stay on this computer.")))

        self.tt_url = QLineEdit(settings.get("timetrack_url") or "")
        self.tt_url.setPlaceholderText("https://<account>.timetrackenterprise.com")
        self.tt_user = QLineEdit(settings.get("timetrack_username") or "")
        self.tt_key = self._secret_field()
        self.tt_secret = self._secret_field()
        tt = QWidget()
        form = QFormLayout(tt)
        form.addRow(self.tr("&Address:"), self.tt_url)
        form.addRow(self.tr("&Username:"), self.tt_user)
        form.addRow(self.tr("API &key:"), self.tt_key)
        form.addRow(self.tr("API &secret:"), self.tt_secret)
        self.pages.addWidget(tt)

        self.ps_url = QLineEdit(settings.get("papershift_url") or "")
        self.ps_token = self._secret_field()
        self.ps_ids: dict[str, tuple[QComboBox, QLineEdit]] = {}
        ps = QWidget()
        form = QFormLayout(ps)
        form.addRow(self.tr("&Address:"), self.ps_url)
        form.addRow(self.tr("API &token:"), self.ps_token)
        names = {
            "location": self.tr("Location:"),
            "working_area": self.tr("Working area:"),
            "user": self.tr("User:"),
        }
        for entity in BACKENDS["papershift"].pairs:
            by = QComboBox()
            by.addItem(self.tr("external id"), "external_id")
            by.addItem(self.tr("id"), "id")
            value = QLineEdit()
            by_id = settings.get(f"papershift_{entity}_id")
            by.setCurrentIndex(1 if by_id else 0)
            value.setText(by_id or settings.get(f"papershift_{entity}_external_id") or "")
            value.setAccessibleName(names[entity])
            by.setAccessibleName(names[entity] + " " + self.tr("kind of id"))
            row = QHBoxLayout()
            row.addWidget(by)
            row.addWidget(value, 1)
            form.addRow(names[entity], row)
            self.ps_ids[entity] = (by, value)
            for key in (f"papershift_{entity}_id", f"papershift_{entity}_external_id"):
                if settings.is_locked(key):
                    for widget in (by, value):
                        widget.setEnabled(False)
                        widget.setToolTip(locked_text)
        self.pages.addWidget(ps)

        self.kind.currentIndexChanged.connect(self.pages.setCurrentIndex)
        self.kind.setCurrentIndex(max(KINDS.index(settings.get("backend") or "none"), 0))
        self.test_button = QPushButton(self.tr("Test &connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setAccessibleName(self.tr("Connection test result"))
        # A test's answer (e.g. "choose TimeTrack or Papershift first") is about the choice
        # on screen when it ran: another choice makes it stale.
        self.kind.currentIndexChanged.connect(lambda _: self.test_result.clear())
        backend_box = QGroupBox(self.tr("Uploads"))
        layout = QVBoxLayout(backend_box)
        layout.addWidget(self.kind)
        layout.addWidget(self.pages)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.test_result, 1)
        layout.addLayout(row)
        # A change of server or account is a visible act: say what the choice on screen gets.
        self.destination_note = QLabel()
        self.destination_note.setWordWrap(True)
        self.destination_note.setAccessibleName(self.tr("What will be uploaded"))
        layout.addWidget(self.destination_note)
        self.kind.currentIndexChanged.connect(lambda _: self.update_destination_note())
        for field in (self.tt_url, self.tt_user, self.ps_url):
            field.textChanged.connect(lambda _: self.update_destination_note())
        for by, value in self.ps_ids.values():
            by.currentIndexChanged.connect(lambda _: self.update_destination_note())
            value.textChanged.connect(lambda _: self.update_destination_note())
        self.update_destination_note()
        for key, widget in (
            ("backend", self.kind),
            ("timetrack_url", self.tt_url),
            ("timetrack_username", self.tt_user),
            ("papershift_url", self.ps_url),
        ):
            if settings.is_locked(key):
                widget.setEnabled(False)
                widget.setToolTip(locked_text)
        if secrets is None:
            for field in (self.tt_key, self.tt_secret, self.ps_token):
                field.setEnabled(False)
            self.test_result.setText(
                self.tr("No system keyring is available, so API secrets can't be stored safely.")
            )

        # -- targets and time keeping -----------------------------------------------------------
        self.targets: dict[str, HoursMinutesSpinBox] = {}
        targets_box = QGroupBox(self.tr("Target hours per weekday"))
        grid = QFormLayout(targets_box)
        day_names = dict(
            zip(
                WEEKDAYS,
                (
                    self.tr("Monday"),
                    self.tr("Tuesday"),
                    self.tr("Wednesday"),
                    self.tr("Thursday"),
                    self.tr("Friday"),
                    self.tr("Saturday"),
                    self.tr("Sunday"),
                ),
                strict=True,
            )
        )
        for day in WEEKDAYS:
            spin = HoursMinutesSpinBox()
            spin.setValue(int(settings.targets[day]))
            spin.setAccessibleName(day_names[day])
            if settings.is_locked("targets"):
                spin.setEnabled(False)
                spin.setToolTip(locked_text)
            grid.addRow(day_names[day] + ":", spin)
            self.targets[day] = spin
        # Whose public holidays have no target: beside the targets they take away.
        self.region = QComboBox()
        self.region.setAccessibleName(self.tr("Public holidays of"))
        self.region.setToolTip(self.tr("Whose public holidays have no target hours"))
        self.region.addItem(self.tr("None — no public holidays"), NO_REGION)
        self.region.addItem(self.tr("Germany (nationwide only)"), "DE")
        for code, name in GERMAN_STATES:
            self.region.addItem(name, code)
        region = str(settings.get("holiday_region"))
        if self.region.findData(region) < 0:  # set elsewhere (a file, the command line): kept
            self.region.addItem(region, region)
        self.region.setCurrentIndex(self.region.findData(region))
        if settings.is_locked("holiday_region"):
            self.region.setEnabled(False)
            self.region.setToolTip(locked_text)
        grid.addRow(self.tr("Public holidays:"), self.region)

        #: The whole-number settings on this form, each editor built from its declaration.
        self.numbers: dict[str, QSpinBox] = {}
        self.idle = self._number("idle_minutes")
        self.auto_out = self._number("auto_clock_out_hours")
        self.start_at_login = QCheckBox(self.tr("Start ClockApp when I log in"))
        self.start_at_login.setChecked(self.autostart.is_enabled())
        # Reminders: a wall time ("HH:MM", empty for off) or minutes ahead (0 for off).
        self.remind_in = QLineEdit(settings.get("remind_clock_in_by") or "")
        self.remind_out = QLineEdit(settings.get("remind_clock_out_after") or "")
        for field in (self.remind_in, self.remind_out):
            field.setPlaceholderText(self.tr("HH:MM"))
            field.setToolTip(self.tr("A time of day like 09:30; leave empty for no reminder."))
            field.setMaximumWidth(field.fontMetrics().horizontalAdvance("00:00") * 3)
        self.remind_break = self._number("remind_break_ahead_minutes")
        self.remind_limit = self._number("remind_daily_limit_ahead_minutes")
        # Planned shifts (Papershift): off by default.
        self.shift_reminders = {
            key: self._number(key)
            for key in (
                "remind_shift_start_ahead_minutes",
                "remind_shift_not_clocked_in_minutes",
                "remind_shift_still_clocked_in_minutes",
            )
        }
        self.target_from_shifts = QCheckBox(self.tr("Targets from my planned shifts"))
        self.target_from_shifts.setToolTip(
            self.tr(
                "With a Papershift shift plan: a day's target is the time of your planned "
                "shifts that day, and a day without a shift has none."
            )
        )
        self.target_from_shifts.setChecked(bool(settings.get("target_from_shifts")))
        keeping = QGroupBox(self.tr("Time keeping"))
        form = QFormLayout(keeping)
        form.addRow(self.tr("Ask about time away after:"), self.idle)
        form.addRow(self.tr("Clock out a forgotten session after:"), self.auto_out)
        form.addRow(self.tr("Remind me if not clocked in by:"), self.remind_in)
        form.addRow(self.tr("Remind me if still clocked in after:"), self.remind_out)
        form.addRow(self.tr("Remind me of a due break ahead by:"), self.remind_break)
        form.addRow(self.tr("Remind me of the 10-hour limit ahead by:"), self.remind_limit)
        shift_rows = (
            self.tr("Remind me of a planned shift ahead by:"),
            self.tr("Remind me if not clocked in, this long into a shift:"),
            self.tr("Remind me if still clocked in, this long after a shift:"),
        )
        for text, reminder in zip(shift_rows, self.shift_reminders.values(), strict=True):
            form.addRow(text, reminder)
        form.addRow(self.target_from_shifts)
        form.addRow(self.start_at_login)
        lockable: tuple[tuple[str, QWidget], ...] = (
            ("idle_minutes", self.idle),
            ("auto_clock_out_hours", self.auto_out),
            ("remind_clock_in_by", self.remind_in),
            ("remind_clock_out_after", self.remind_out),
            ("remind_break_ahead_minutes", self.remind_break),
            ("remind_daily_limit_ahead_minutes", self.remind_limit),
            *self.shift_reminders.items(),
            ("target_from_shifts", self.target_from_shifts),
        )
        for key, control in lockable:
            if settings.is_locked(key):
                control.setEnabled(False)
                control.setToolTip(locked_text)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        # Everything but the message and the buttons scrolls: on a small or scaled screen Save
        # stays reachable.
        body = QWidget()
        content = QVBoxLayout(body)
        content.setContentsMargins(0, 0, 0, 0)
        content.addWidget(backend_box)
        columns = QHBoxLayout()
        columns.addWidget(targets_box)
        columns.addWidget(keeping, 1)
        content.addLayout(columns)
        content.addStretch(1)
        self.body = ContentScrollArea(body)
        main = QVBoxLayout(self)
        main.addWidget(self.body, 1)
        main.addWidget(self.message)
        main.addWidget(self.buttons)
        self._fitted = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:
            self._fitted = True
            fit_to_screen(self)
        super().showEvent(event)

    def _secret_field(self) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        hint = self.tr("stored in the keyring — leave empty to keep")
        field.setPlaceholderText(hint)
        field.setMinimumWidth(field.fontMetrics().horizontalAdvance(hint) + 16)
        return field

    # -- reading the form -------------------------------------------------------------------

    def update_destination_note(self) -> None:
        """Where the values on screen would upload to, and how much would go there now."""
        note = ""
        try:
            destination = config.destination_from_form(self.chosen_kind(), self.form_fields())
        except config.BackendSetupError:
            destination = None  # still being typed
        if destination is not None and self._preview is not None:
            try:
                preview = self._preview(destination)
            except Exception as exc:  # the dialog must open even if the record can't be read
                log.warning("could not tell what would be uploaded: %s", exc)
                preview = None
            if preview is not None and preview.sessions and preview.since is not None:
                since = preview.since.astimezone()
                note = self.tr(
                    "{count} session(s) since {date} will be uploaded to {where}."
                ).format(
                    count=preview.sessions,
                    date=QLocale().toString(
                        QDate(since.year, since.month, since.day), QLocale.FormatType.ShortFormat
                    ),
                    where=destination_text(destination),
                )
            elif preview is not None:
                note = self.tr("Nothing is waiting to be uploaded to {where}.").format(
                    where=destination_text(destination)
                )
        self.destination_note.setText(note)
        self.destination_note.setVisible(bool(note))

    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    def form_fields(self) -> dict[str, str]:
        if self.chosen_kind() == "timetrack":
            return {
                "url": self.tt_url.text().strip(),
                "username": self.tt_user.text().strip(),
                "api_key": self.tt_key.text().strip(),
                "api_secret": self.tt_secret.text().strip(),
            }
        fields = {"url": self.ps_url.text().strip(), "api_token": self.ps_token.text().strip()}
        for entity, (by, value) in self.ps_ids.items():
            chosen = str(by.currentData())
            for suffix in ("id", "external_id"):
                fields[f"{entity}_{suffix}"] = value.text().strip() if suffix == chosen else ""
        return fields

    # -- acting ------------------------------------------------------------------------------

    def test_connection(self) -> None:
        """Check the values on screen in the background; the answer shows beside the button."""
        if self.secrets is None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.test_result.setText(self.tr("The connection can't be tested right now."))
            return
        if self._test_task is not None and not self._test_task.done():
            return
        # The button stays enabled (a second click is ignored above): disabling it would move
        # the keyboard focus on to the next field.
        self.test_result.setText(self.tr("Testing…"))
        self._test_task = loop.create_task(self._test(self.chosen_kind(), self.form_fields()))

    async def _test(self, kind: str, fields: dict[str, str]) -> None:
        try:
            backend = await asyncio.wait_for(
                asyncio.to_thread(
                    config.backend_from_form, kind, fields, self.secrets, ui_language()
                ),
                self.secrets.timeout_s,
            )
            label, address = LABELS.get(backend.name, backend.name), backend.base_url
            await config.check_backend(backend)
            answer = self.tr("Connected to {service} at {address}.").format(
                service=label, address=redact_url(address)
            )
        except TimeoutError:
            answer = self.tr("The system keyring did not answer in time (is it locked?).")
        except config.BackendSetupError as exc:
            answer = explain(exc)
        self.test_result.setText(answer)

    def save(self) -> None:
        """Validate and store everything; on a refusal, say why and keep the dialog open.

        The keyring is asked in a thread (in the tray each call is a helper process of a few
        hundred ms): the dialog says "Saving…" and stays responsive meanwhile.
        """
        if self._saving is not None and not self._saving.done():
            return  # a second click while saving
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:  # no event loop runs (tests): the keyring is asked right here
            loop = None
        steps = self._save(self.chosen_kind(), self.form_fields(), in_thread=loop is not None)
        if loop is None:
            # Nothing in the steps waits then: one send runs them to their end.
            with contextlib.suppress(StopIteration):
                steps.send(None)
            return
        self._saving = loop.create_task(steps)

    def reject(self) -> None:
        """Closing waits while the keyring is asked (at most its timeout): a half-done save
        would leave the secrets stored but not the settings that name them."""
        if self._saving is None or self._saving.done():
            super().reject()

    async def _save(self, kind: str, fields: dict[str, str], in_thread: bool) -> None:
        try:
            if kind != "none" or self.settings.get("backend") not in (None, "none"):
                await self._save_backend(kind, fields, in_thread)
            if not self.settings.is_locked("targets"):
                self.settings.set("targets", {d: s.value() for d, s in self.targets.items()})
            if not self.settings.is_locked("holiday_region"):
                self.settings.set("holiday_region", str(self.region.currentData()))
            values: dict[str, object] = {
                # 0 on an optional one is shown as "off": saved as null (off).
                key: (box.value() or None) if SETTINGS[key].optional else box.value()
                for key, box in self.numbers.items()
            }
            values["target_from_shifts"] = self.target_from_shifts.isChecked()
            values["remind_clock_in_by"] = self._wall_time(self.remind_in)
            values["remind_clock_out_after"] = self._wall_time(self.remind_out)
            for key, value in values.items():
                if not self.settings.is_locked(key):
                    self.settings.set(key, value)
            self.settings.save()
            if self.start_at_login.isChecked() != self.autostart.is_enabled():
                self.autostart.set_enabled(self.start_at_login.isChecked())
        except TimeoutError:
            self.message.setText(
                self.tr("The system keyring did not answer in time (is it locked?).")
            )
            return
        except (config.BackendSetupError, SettingsError, AutostartError) as exc:
            self.message.setText(explain(exc))
            return
        self.accept()

    def _number(self, key: str) -> QSpinBox:
        """An editor for a whole-number setting: its range and unit from ``SETTINGS``."""
        declared = SETTINGS[key]
        assert declared.low is not None and declared.high is not None
        box = QSpinBox()
        box.setRange(0 if declared.optional else declared.low, declared.high)
        units = {"minutes": self.tr(" min"), "hours": self.tr(" h"), "days": self.tr(" days")}
        box.setSuffix(units.get(declared.unit or "", ""))
        if declared.optional:
            box.setSpecialValueText(self.tr("off"))
        box.setValue(int(self.settings.get(key) or 0))
        self.numbers[key] = box
        return box

    def _wall_time(self, field: QLineEdit) -> str | None:
        text = field.text().strip()
        if not text:
            return None
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise SettingsError(
                self.tr("{text} is not a time of day; use HH:MM, like 09:30.").format(text=text)
            )
        return f"{int(match[1]):02d}:{match[2]}"

    async def _save_backend(self, kind: str, fields: dict[str, str], in_thread: bool) -> None:
        if kind == "none":
            self.settings.set("backend", "none")
            return
        if self.secrets is None:
            raise config.BackendSetupError(
                self.tr("No system keyring is available, so uploads can't be set up here.")
            )
        url = config.validate_url(fields["url"])
        values: dict[str, str | None] = {k: v or None for k, v in fields.items()}
        if in_thread:
            self.message.setText(self.tr("Saving…"))
        for field in BACKENDS[kind].secrets:  # an empty secret field keeps the stored one
            values[field.name] = fields[field.name] or await self._keyring(
                in_thread,
                config.stored_secret,
                self.secrets,
                kind,
                url,
                fields.get("username", ""),
                field.name,
            )
        setup = config.plan(self.settings, kind, values)  # checked before anything is written
        await self._keyring(in_thread, config.store_secrets, self.secrets, setup.secrets)
        config.save_changes(self.settings, setup.changes)

    async def _keyring(self, in_thread: bool, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)``, in a thread with the keyring's timeout when ``in_thread``."""
        if not in_thread:
            return fn(*args)
        return await asyncio.wait_for(asyncio.to_thread(fn, *args), self.secrets.timeout_s)


class HoursMinutesSpinBox(QSpinBox):
    """A duration in minutes (0 to 24 h, in steps of 15 min), shown and typed as ``h:mm``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 24 * 60)
        self.setSingleStep(15)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    def textFromValue(self, value: int) -> str:
        return f"{value // 60}:{value % 60:02d}"

    def valueFromText(self, text: str) -> int:
        minutes = _hours_minutes(text)
        return self.value() if minutes is None else minutes

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        stripped = text.strip()
        minutes = _hours_minutes(stripped)
        if minutes is not None and minutes <= 24 * 60:
            return (QValidator.State.Acceptable, text, pos)
        if re.fullmatch(r"\d{0,2}:?\d{0,1}", stripped):
            return (QValidator.State.Intermediate, text, pos)
        return (QValidator.State.Invalid, text, pos)


def _hours_minutes(text: str) -> int | None:
    """``8:00`` or ``8`` as minutes; None if it isn't such a duration."""
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?", text.strip())
    if not match or int(match[2] or 0) > 59:
        return None
    return int(match[1]) * 60 + int(match[2] or 0)
