"""One module per CLI command; each exposes `command`. Heavy imports stay inside the functions."""
