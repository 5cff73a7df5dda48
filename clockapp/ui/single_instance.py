"""One tray app per user and data folder: a second start shows the first one's popup and exits.

A ``QLockFile`` in the data folder says who runs (a lock left by a crashed process is taken
over: Qt checks whether its process still lives). The running app listens on a
``QLocalServer`` whose name comes from the data folder, so two data folders (a test's, the
user's) never meet. The second start connects, says ``show`` and which window (``show week``;
the popup by default), and leaves.
"""

from __future__ import annotations

import logging
import time
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from clockapp.ui.qt import QLockFile, QObject, Signal

if TYPE_CHECKING:
    from clockapp.ui.qt import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

#: What a second start sends to the running one, followed by the window's name and a newline.
SHOW = b"show"
#: The windows a start may ask for.
WINDOWS = ("popup", "week", "month", "settings")


def server_name(data_dir: Path) -> str:
    """The local socket name for ``data_dir`` (short: Unix socket paths are limited to ~100)."""
    import getpass  # with hashlib, only when the server or a second start needs the name
    import hashlib

    try:
        user = getpass.getuser()
    except Exception:  # no user name in odd containers: the data folder still separates
        user = ""
    key = f"{user}\0{data_dir.resolve()}".encode()
    return "clockapp-" + hashlib.sha256(key).hexdigest()[:16]


class SingleInstance(QObject):
    """Holds the lock and the server while this process is the running app."""

    #: Another start asked this one to show itself: the window's name (one of WINDOWS).
    activated = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        data_dir.mkdir(parents=True, exist_ok=True)
        self._data_dir = data_dir
        self._lock = QLockFile(str(data_dir / "tray.lock"))
        # Never stale by age: a long-running app keeps its lock; a dead one's is taken over.
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None
        self._clients: list[QLocalSocket] = []
        self._partial: dict[QLocalSocket, bytes] = {}

    @cached_property
    def name(self) -> str:
        """The local socket the running app listens on."""
        return server_name(self._data_dir)

    def acquire(self) -> bool:
        """Become the running app: True if no other one holds the lock. Call :meth:`listen`
        next, to hear from later starts; they keep trying until it does."""
        return self._lock.tryLock(100)

    def listen(self) -> None:
        """Answer later starts (after :meth:`acquire`)."""
        from clockapp.ui.qt import QLocalServer  # QtNetwork: loaded after the tray shows

        # A socket left by a crashed run would make listen() fail; the lock proves it is dead.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("single-instance server not listening: %s", server.errorString())
        server.newConnection.connect(self._on_connection)
        self._server = server

    def release(self) -> None:
        self._drop_clients()
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def activate_running(self, window: str = "popup", timeout_ms: int = 5000) -> bool:
        """Ask the running app to show ``window``; False if it could not be reached in time.

        The other app may hold the lock but not listen yet (it is starting): keep trying.
        """
        from clockapp.ui.qt import QLocalSocket

        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(500):
                socket.write(SHOW + b" " + window.encode("ascii") + b"\n")
                sent = socket.waitForBytesWritten(1000)
                socket.disconnectFromServer()
                return sent
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._clients.append(socket)
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)
            if socket.bytesAvailable():
                self._read(socket)

    def _on_ready_read(self) -> None:
        if (socket := self._client(self.sender())) is not None:
            self._read(socket)

    def _on_disconnected(self) -> None:
        if (socket := self._client(self.sender())) is not None:
            self._clients.remove(socket)
            self._partial.pop(socket, None)
            socket.deleteLater()

    def _client(self, sender: QObject | None) -> QLocalSocket | None:
        return next((s for s in self._clients if s is sender), None)

    def _read(self, socket: QLocalSocket) -> None:
        # Whole lines only: a message may arrive in pieces.
        buffer = self._partial.pop(socket, b"") + bytes(socket.readAll().data())
        *lines, rest = buffer.split(b"\n")
        if rest:
            self._partial[socket] = rest
        for line in lines:
            words = line.decode("ascii", "replace").split()
            if words[:1] == [SHOW.decode()]:
                window = words[1] if len(words) > 1 else "popup"  # an older start says only this
                if window in WINDOWS:
                    self.activated.emit(window)

    def _drop_clients(self) -> None:
        # Detach before the server (their parent) goes: a socket destroyed while connected
        # still emits disconnected, and nothing may answer it then.
        for socket in self._clients:
            socket.readyRead.disconnect(self._on_ready_read)
            socket.disconnected.disconnect(self._on_disconnected)
            socket.abort()
            socket.deleteLater()
        self._clients.clear()
        self._partial.clear()
