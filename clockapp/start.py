"""What ``clockapp`` runs: the tray app for a plain start (as a login starts it), the command
line (:mod:`clockapp.cli`) for anything else.

Kept small on purpose: the tray's start does not load the command line's parser and modules
(~15 ms of every login).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from clockapp.ui.launch import start_tray


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if not words:
        return start_tray()
    from clockapp import secrets
    from clockapp.services import holidays

    # The tray's helper processes (clockapp.platform.helper): each loads only what its job needs.
    helpers = {holidays.HELPER_ARGUMENT: holidays.main, secrets.HELPER_ARGUMENT: secrets.main}
    if words[0] in helpers:
        return helpers[words[0]](words[1:])
    from clockapp.cli import main as command_line

    return command_line(words)
