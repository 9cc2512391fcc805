"""models of the members app."""
