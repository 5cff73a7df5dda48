"""Errors whose messages are shown to people as they are."""

from __future__ import annotations


class UserError(Exception):
    """A refusal or failure the user must read: ``str(error)`` is a complete English sentence.

    ``text`` is that sentence as written in the code, a literal with ``{name}`` fields, and
    ``values`` fill the fields; a front end in another language translates ``text`` and fills
    it the same way (``clockapp.ui.i18n.explain``). ``resources/i18n/build.py`` collects the
    literals for the translators, and a test keeps them literal (no f-strings).
    """

    def __init__(self, text: str, /, **values: object) -> None:
        # Without values the text is not a template: a wrapped message may hold braces.
        super().__init__(text.format(**values) if values else text)
        self.text = text
        self.values = values


class ClockError(UserError):
    """A move the clock refuses (clock out while off, an overlap, a locked day...)."""


class NotFound(ClockError):
    """No session matches what the user named."""


class ConfirmedDay(ClockError):
    """The change touches a day with a session a manager has confirmed: asked first (``day``
    in ``values``); the caller may repeat it once the user agreed."""
