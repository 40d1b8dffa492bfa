"""``python -m footprint …``: the same as the ``footprint`` command."""

from ._cli import main

main()
