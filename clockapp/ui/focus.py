"""A keyboard-focus frame that can be seen: drawn around the focused combo box, spin box and
line edit in the palette's highlight colour, on top of whatever the style draws (Fusion's own
focus hint on a combo box is a faint line that is easily missed, worst in dark themes).
"""

from __future__ import annotations

from clockapp.ui.qt import (
    QApplication,
    QPainter,
    QPalette,
    QProxyStyle,
    QRect,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

#: Width of the focus frame in device-independent pixels.
FRAME_WIDTH = 2


class FocusFrameStyle(QProxyStyle):
    """The app's style, with a clear focus frame on combo boxes and spin boxes."""

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        framed = (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox)
        if control in framed and option.state & QStyle.StateFlag.State_HasFocus:
            draw_focus_frame(option, painter)


def draw_focus_frame(option: QStyleOption, painter: QPainter) -> None:
    """Four strips along the inside of ``option.rect``: exact, whatever the pen rules."""
    colour = option.palette.color(QPalette.ColorRole.Highlight)
    r, w = option.rect, FRAME_WIDTH
    for strip in (
        QRect(r.left(), r.top(), r.width(), w),
        QRect(r.left(), r.bottom() + 1 - w, r.width(), w),
        QRect(r.left(), r.top(), w, r.height()),
        QRect(r.right() + 1 - w, r.top(), w, r.height()),
    ):
        painter.fillRect(strip, colour)


def install_focus_frames(app: QApplication) -> None:
    """Wrap the app's style so the keyboard focus is visible on every combo and spin box."""
    app.setStyle(FocusFrameStyle(app.style().name()))
