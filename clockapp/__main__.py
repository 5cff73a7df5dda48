import sys

from clockapp.cli import main

sys.exit(main())
