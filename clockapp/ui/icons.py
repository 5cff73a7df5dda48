"""Tray and window icons: the clock's state, with a badge when uploads wait or need attention.

The SVG sources live in ``resources/icons/`` and are embedded in :mod:`clockapp.ui.icon_data`
(``python resources/icons/build.py``), so an installed package needs no data files. Each icon is
rendered from SVG at several sizes (crisp at any DPI) with the palette's text and window colours
in place of the sources' ink and paper, so the off-state clock follows a light or dark theme.
"""

from __future__ import annotations

import enum

from clockapp.domain.clock import ClockState
from clockapp.ui.icon_data import SVG
from clockapp.ui.qt import (
    QByteArray,
    QColor,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QRectF,
    QSvgRenderer,
)

#: Colours in the SVG sources that stand for the palette's text ("ink") and window ("paper").
INK = b"#1f1f1f"
PAPER = b"#fafafa"
#: Pixel sizes rendered: panel sizes at 1x and 2x; QIcon scales from the nearest.
SIZES = (16, 22, 24, 32, 44, 48, 64, 128)
#: The badge covers this share of the icon's width, in its bottom-right corner.
BADGE_SHARE = 0.55


class Badge(enum.Enum):
    """What the corner of the tray icon says about uploads."""

    NONE = "none"
    WAITING = "badge-waiting"
    ATTENTION = "badge-attention"


_STATE_SOURCE = {
    ClockState.OFF: "clock-off",
    ClockState.WORKING: "clock-working",
    ClockState.ON_BREAK: "clock-break",
}


class IconSet:
    """Renders and caches the icons for one palette (make a new one when the palette changes)."""

    def __init__(self, palette: QPalette) -> None:
        self._ink = palette.color(QPalette.ColorRole.WindowText)
        self._paper = palette.color(QPalette.ColorRole.Window)
        self._cache: dict[tuple[ClockState, Badge], QIcon] = {}

    def icon(self, state: ClockState, badge: Badge = Badge.NONE) -> QIcon:
        key = (state, badge)
        if key not in self._cache:
            self._cache[key] = self._render(state, badge)
        return self._cache[key]

    def _renderer(self, name: str) -> QSvgRenderer:
        data = SVG[name].replace(INK, _hex(self._ink)).replace(PAPER, _hex(self._paper))
        return QSvgRenderer(QByteArray(data))

    def _render(self, state: ClockState, badge: Badge) -> QIcon:
        clock = self._renderer(_STATE_SOURCE[state])
        corner = self._renderer(badge.value) if badge is not Badge.NONE else None
        icon = QIcon()
        for size in SIZES:
            pixmap = QPixmap(size, size)
            pixmap.fill(QColor("transparent"))  # not Qt.GlobalColor: see LiveClock.start
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            clock.render(painter, QRectF(0, 0, size, size))
            if corner is not None:
                side = size * BADGE_SHARE
                corner.render(painter, QRectF(size - side, size - side, side, side))
            painter.end()
            icon.addPixmap(pixmap)
        return icon


def _hex(color: QColor) -> bytes:
    return color.name(QColor.NameFormat.HexRgb).encode("ascii")
