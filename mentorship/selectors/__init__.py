"""Reads of mentorship, one module per subject; import from the module
(mentorship.selectors.pairs.pair_visible_to)."""
