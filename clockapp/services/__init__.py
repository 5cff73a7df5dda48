"""Use cases shared by the command line and the tray UI; neither touches SQL or HTTP."""
