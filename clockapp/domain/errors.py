"""Errors the domain raises; their messages are shown to people as they are."""


class ClockError(Exception):
    """A move the clock refuses (clock out while off, an overlap, a locked day...).

    The message is a complete sentence in the user's words.
    """


class NotFound(ClockError):
    """No session matches what the user named."""
