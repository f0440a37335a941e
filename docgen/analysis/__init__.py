"""Analysis of a speech's text: paragraphs, numbering structure, sentences, key phrases. Pure, no I/O."""
