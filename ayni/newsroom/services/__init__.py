"""The newsroom's writes, one module per topic: `articles` (saving, publishing, scheduling),
`comments` (posting, confirming, moderating) and `comment_emails` (the comments' outbox)."""
