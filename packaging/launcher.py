"""The frozen app's entry point (PyInstaller runs this script, see packaging/clockapp.spec).

``clockapp --selftest`` reports whether the bundle found everything it needs
(:mod:`clockapp.selftest`); anything else is the normal command line and tray app.
"""

import sys

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--selftest":
        from clockapp.selftest import main as selftest

        sys.exit(selftest(sys.argv[2:]))

    from clockapp.start import main

    sys.exit(main())
