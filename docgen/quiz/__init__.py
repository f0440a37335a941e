"""Test papers from a speech: planning (`generate`), variants, JSON/GIFT export. Rendering is in `docgen.writers.quiz`."""
