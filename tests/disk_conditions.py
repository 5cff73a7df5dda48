"""A read-only data folder and a full disk, for real (tests run as root in CI).

Root ignores file permissions, so as root the folder is made read-only by a read-only bind
mount and the disk is a small tmpfs filled to the last byte; where mounting is not allowed,
the test is skipped. As another user, permissions make the folder read-only.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _is_root() -> bool:
    return getattr(os, "geteuid", lambda: -1)() == 0


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"needs permission to mount: {done.stderr.strip()}")


def _unmount(folder: Path) -> None:
    if subprocess.run(["umount", str(folder)], capture_output=True, check=False).returncode:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=True)


@contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """``folder`` can be read but nothing in it written, created or removed."""
    if not _is_root():
        if not hasattr(os, "geteuid"):
            pytest.skip("POSIX permissions needed")
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)
        return
    _mount("--bind", str(folder), str(folder))
    try:
        _mount("-o", "remount,ro,bind", str(folder))
        yield
    finally:
        _unmount(folder)


@contextmanager
def small_disk(folder: Path, size_kib: int = 1024) -> Iterator[None]:
    """``folder`` is a disk of its own, ``size_kib`` large (fill it with :func:`fill`)."""
    if not _is_root():
        pytest.skip("mounting a small disk needs root")
    _mount("-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(folder))
    try:
        yield
    finally:
        _unmount(folder)


def fill(folder: Path) -> Path:
    """Write a file in ``folder`` until its disk is full; the file (delete it to make room)."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    return filler
