"""Analysis of a speech's text: paragraphs, numbering structure, sentences, key phrases. Pure, no I/O."""

from docgen.analysis import regex_memo

regex_memo.install()  # before the modules of this package compile their patterns
