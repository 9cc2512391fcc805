"""enums of the members app."""
