"""Seeds shipped with newscrawl: sites.toml travels in the package (and a scrapyd egg) as data."""
