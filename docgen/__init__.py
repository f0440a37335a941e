"""docgen: turn a speech into the printed kit of a trade-union training class."""

__version__ = "0.1.0"
