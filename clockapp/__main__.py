import sys

from clockapp.start import main

sys.exit(main())
