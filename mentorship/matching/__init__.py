"""Mentor suggestions as pure computation, apart from the database: the
organisation-tree distance (proximity), the score of every mentee-mentor pair
(scoring), one optimal assignment of the whole scope (solve), and the reasons
kept with each suggestion and told in words (explain). The ORM side loads the
inputs and saves the result: mentorship.selectors.matching and
mentorship.services.matching."""
