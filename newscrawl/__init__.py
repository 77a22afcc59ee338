"""newscrawl: news crawls and saved-dump imports into one clean SQL database."""
