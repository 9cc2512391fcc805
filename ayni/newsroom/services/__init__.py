"""The newsroom's writes, one module per topic: `articles` (saving, publishing, scheduling)."""
