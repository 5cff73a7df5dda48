"""Windows sized from their content and kept inside the screen they open on.

A laptop at 200 % scale has 640×400 device-independent pixels: a window laid out for a desktop
monitor would put its buttons below the screen's edge. Every window calls :func:`fit_to_screen`
when it is first shown; content that can be taller than a small screen sits in a
:class:`ContentScrollArea`, so the window's minimum stays small and nothing is squeezed.
"""

from __future__ import annotations

from clockapp.ui.qt import (
    QFrame,
    QGuiApplication,
    QLabel,
    QRect,
    QScrollArea,
    QSize,
    Qt,
    QWidget,
)

#: Room left for the window manager's frame (title bar, borders), known only once it is shown.
FRAME_ALLOWANCE = QSize(16, 40)
#: Room after a label's text, in device-independent pixels (see :func:`pad_labels`).
LABEL_PAD = 2


def available_area(window: QWidget) -> QRect:
    """The available geometry (without panels) of the screen ``window`` is on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, preferred: QSize | None = None) -> None:
    """Size ``window`` from its content (or ``preferred``, if larger), at most its screen's
    available area less a frame, and move it so that it lies inside that area."""
    pad_labels(window)
    area = available_area(window)
    room = QSize(
        max(area.width() - FRAME_ALLOWANCE.width(), 1),
        max(area.height() - FRAME_ALLOWANCE.height(), 1),
    )
    layout = window.layout()
    if layout is not None:
        layout.activate()
    want = window.sizeHint().expandedTo(window.minimumSizeHint())
    if preferred is not None:
        want = want.expandedTo(preferred)
    size = want.boundedTo(room)
    if window.hasHeightForWidth():
        size.setHeight(min(max(size.height(), window.heightForWidth(size.width())), room.height()))
    # A minimum above the room left would push the window off screen; scroll areas take over.
    window.setMinimumSize(window.minimumSize().boundedTo(size))
    window.resize(size)
    x = min(max(window.x(), area.left()), area.right() + 1 - size.width() - FRAME_ALLOWANCE.width())
    y = min(
        max(window.y(), area.top()), area.bottom() + 1 - size.height() - FRAME_ALLOWANCE.height()
    )
    window.move(max(x, area.left()), max(y, area.top()))


class ContentScrollArea(QScrollArea):
    """A frameless scroll area that asks for its content's full size (Qt's own caps its size
    hint at a few dozen lines), so it scrolls only where the screen is too small."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWidget(content)

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        hint = content.sizeHint().expandedTo(content.minimumSizeHint())
        # Room for a vertical scroll bar, so a slightly short screen doesn't also need a
        # horizontal one.
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(hint.width() + bar + 2, hint.height() + 2)


def pad_labels(window: QWidget) -> None:
    """A pixel or two more room for every one-line label of ``window``.

    Labels are sized from font metrics at 100 %; drawn at 150 or 200 %, glyphs placed on
    device pixels can end a little further right, and QLabel clips its text to its rectangle:
    the last letter (often the colon of a form label) would be cut.
    """
    for label in window.findChildren(QLabel):
        if label.text() and not label.wordWrap():
            label.setMinimumWidth(label.sizeHint().width() + LABEL_PAD)
