"""The motions' writes, one module per topic (bodies, reporting, moderation, …)."""
