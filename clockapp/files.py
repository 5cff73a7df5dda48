"""Writing a file so that it is either the old one or the whole new one, even after a power cut.

The one way ClockApp replaces a file it shows the user or reads back (settings, exports, the
autostart entry): write a temporary file beside it, flush it to disk, rename it over the old one,
then flush the folder so the rename itself survives.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str, *, newline: str | None = None) -> None:
    """Replace ``path`` with ``text`` (UTF-8) in one step; ``newline`` as for :func:`open`
    (``""`` keeps CRLF as written). Raises ``OSError``; a failed write leaves the old file."""
    folder = path.parent if str(path.parent) else Path()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder is; not every OS lets a folder be opened.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
