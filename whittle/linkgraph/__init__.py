"""Link graphs of websites: import, crawl, metrics and the data behind the Link graph app."""
