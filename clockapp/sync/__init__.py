"""Clients for the HR systems sessions are uploaded to (asyncio + httpx, no Qt, no storage)."""

import logging

# httpx logs every request line at INFO, and a Papershift GET carries the API token in its
# query string: keep those lines out of every log, whatever the app's log level.
logging.getLogger("httpx").setLevel(logging.WARNING)
logging.getLogger("httpcore").setLevel(logging.WARNING)
