"""The backends the app can upload to, declared once: their fields, which are secret, and
the words the command line uses for them. Light to import (no keyring, no httpx): the command
line builds its options from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clockapp.settings import Settings


@dataclass(frozen=True, slots=True)
class Field:
    """One value a backend needs from the user."""

    #: The form's and the command line's name (``--api-key``); saved as ``<backend>_<name>``.
    name: str
    #: The user's words for it: the command line's help line and prompt.
    help: str
    #: A secret goes to the keyring only, never to the settings, and is asked for, not typed
    #: on the command line.
    secret: bool = False
    #: Fields that share a ``pair`` name one thing two ways: exactly one of them is given.
    pair: str | None = None
    #: Must be given (pairs are checked as pairs).
    required: bool = True
    default: str | None = None


@dataclass(frozen=True, slots=True)
class BackendKind:
    """A backend the app can upload to, declared once: the command line's ``backend set``,
    ``backend show``, the settings it keeps and the keyring entries it uses follow from this."""

    name: str
    label: str
    #: What the command line says about it.
    help: str
    fields: tuple[Field, ...]
    #: The field whose value, beside the address, names the keyring entries (TimeTrack keeps a
    #: key per user); None: one entry per address.
    owner_field: str | None = None

    def setting(self, field: str) -> str:
        return f"{self.name}_{field}"

    @property
    def secrets(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.secret)

    @property
    def visible(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.secret)

    @property
    def pairs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.pair for f in self.fields if f.pair))

    def secret_name(self, url: str, field: str, values: dict[str, Any]) -> str:
        """The keyring entry of the secret ``field`` for this address (and owner)."""
        from clockapp.secrets import secret_name  # the keyring loads only when needed

        owner = values.get(self.owner_field) if self.owner_field else None
        return secret_name(self.name, url, field, str(owner or ""))

    def saved(self, settings: Settings) -> dict[str, Any]:
        """The visible fields as the settings hold them."""
        return {f.name: settings.get(self.setting(f.name)) for f in self.visible}


def _papershift_ids() -> tuple[Field, ...]:
    fields = []
    for entity in ("location", "working_area", "user"):
        words = entity.replace("_", " ")
        fields += [
            Field(f"{entity}_id", f"the {words}'s Papershift id", pair=entity),
            Field(f"{entity}_external_id", f"or the {words}'s external id", pair=entity),
        ]
    return tuple(fields)


#: Every backend, declared once.
BACKENDS: dict[str, BackendKind] = {
    "timetrack": BackendKind(
        "timetrack",
        "TimeTrack",
        "TimeTrack attendances (key, then secret: prompted, or a line each on stdin)",
        (
            Field("url", "https://<account>.timetrackenterprise.com"),
            Field("username", "the TimeTrack user to file entries under"),
            Field("api_key", "TimeTrack API key", secret=True),
            Field("api_secret", "TimeTrack API secret", secret=True),
        ),
        owner_field="username",
    ),
    "papershift": BackendKind(
        "papershift",
        "Papershift",
        "Papershift working sessions (token: prompted, or a line on stdin)",
        (
            Field("url", "default: %(default)s", default="https://app.papershift.com"),
            Field("api_token", "Papershift API token", secret=True),
            *_papershift_ids(),
        ),
    ),
}
LABELS = {name: kind.label for name, kind in BACKENDS.items()}
TIMETRACK, PAPERSHIFT = BACKENDS["timetrack"], BACKENDS["papershift"]
