"""The clock itself: pure standard-library Python, no Qt, no I/O."""
