"""The keyboard focus on a combo box is plain to see: a highlight-coloured frame all round."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clockapp.ui.focus import FocusFrameStyle
from clockapp.ui.qt import (
    QColor,
    QComboBox,
    QPainter,
    QPalette,
    QPixmap,
    QStyle,
    QStyleFactory,
    QStyleOptionComboBox,
)


def framed_share(style: QStyle, combo: QComboBox, focused: bool) -> float:
    """The share of the combo's outermost 2-px ring drawn in the highlight colour."""
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.rect = combo.rect()
    option.editable = False
    option.currentText = combo.currentText()
    if focused:
        option.state |= QStyle.StateFlag.State_HasFocus
    pixmap = QPixmap(combo.size())
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option, painter, combo)
    painter.end()
    image = pixmap.toImage()
    highlight = combo.palette().color(QPalette.ColorRole.Highlight)
    w, h = image.width(), image.height()
    ring = [(x, y) for x in range(w) for y in range(h) if min(x, y, w - 1 - x, h - 1 - y) < 2]

    def near(color: QColor) -> bool:
        return (
            abs(color.red() - highlight.red())
            + abs(color.green() - highlight.green())
            + abs(color.blue() - highlight.blue())
            < 60
        )

    return sum(near(image.pixelColor(x, y)) for x, y in ring) / len(ring)


def test_a_focused_combo_box_has_a_frame_that_can_be_seen(qtbot: QtBot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItems(["TimeTrack", "Papershift"])
    combo.resize(180, 28)
    fusion = QStyleFactory.create("Fusion")
    ours = FocusFrameStyle("Fusion")
    assert framed_share(fusion, combo, focused=True) < 0.5  # what users found hard to see
    assert framed_share(ours, combo, focused=True) > 0.9
    assert framed_share(ours, combo, focused=False) < 0.1  # only the focused one is framed
