"""Per-OS adapters behind small interfaces: idle time, autostart, single instance."""
