"""Writers: one output document kind each (slides, handout, sign-in sheet, quiz, survey, cards, certificates)."""
