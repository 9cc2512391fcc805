"""The newsroom's public pages: `listing` (the news, a section, a tag, an author, and their
feeds), `article` (an article's page and its share card), `comments` (a commenter's and a
moderator's pages) and `search` (the news search)."""
