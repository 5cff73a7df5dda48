"""ClockApp: clock in and out from the tray, offline first, uploads exactly once."""

__version__ = "0.1.0"
