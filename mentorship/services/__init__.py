"""Writes of mentorship, one module per part of the pair's life; import the
function from its module (mentorship.services.pairs.pair_create)."""
