"""Commands of ``treaty-table``: one module each, with ``register(subparsers)``."""
