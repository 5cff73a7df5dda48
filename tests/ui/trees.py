"""Rows of a QTreeWidget by position, for tests: Qt says any of them may be missing; a test that
asks for one expects it there, and fails on the spot if it isn't."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def row(tree: QTreeWidget, top: int, *path: int) -> QTreeWidgetItem:
    item = tree.topLevelItem(top)
    assert item is not None, f"no row {top}"
    for index in path:
        item = child(item, index)
    return item


def child(item: QTreeWidgetItem, index: int) -> QTreeWidgetItem:
    found = item.child(index)
    assert found is not None, f"no row {index} under {item.text(0)!r}"
    return found
