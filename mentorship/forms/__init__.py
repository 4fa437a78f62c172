"""Forms of mentorship, one module per page group."""
