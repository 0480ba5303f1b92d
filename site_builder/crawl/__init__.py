"""Collect reports from the portals that publish them (`python -m site_builder crawl`).

A stage of its own before the build: it writes files into content/ and the build never
touches the network. One module per concern:

| module | does |
|---|---|
| `sources.py` | the sources file: one row per 年报 column (URL, body, region) |
| `links.py` | discovery: a list page's entries, its other pages, its stated count; a report page's attachments |
| `fetch.py` | politeness: robots.txt, a delay per host, timeouts, retries with backoff, the request cap |
| `state.py` | the crawl state in content/.crawl/: URLs seen, validators, hashes, the unfinished crawl |
| `store.py` | files as published with their provenance beside them; versions and twins |
| `report.py` | the crawl report |
| `crawler.py` | the tasks: list pages -> report pages -> attachments |
| `command.py` | the command's options and exit status |

Which entries are reports is decided by `site_builder.parse.titles` (the build reads titles too).
"""
