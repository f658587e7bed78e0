"""``python -m pkograph``: the same as the ``pkograph`` command."""

from pkograph.cli import main

main()
