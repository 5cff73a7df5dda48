"""The tray app: PySide6 widgets over the services. Qt is imported only through ``ui.qt``."""
