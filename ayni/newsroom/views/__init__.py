"""The newsroom's public pages: `listing` (the news, a section, a tag, an author, and their
feeds) and `article` (an article's page and its share card)."""
