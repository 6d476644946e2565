"""Sphinx configuration of mmfau's guides (Markdown, read by MyST)."""
project = 'mmfau'
author = 'mmfau contributors'
extensions = ['myst_parser']
source_suffix = {'.md': 'markdown'}
root_doc = 'index'
exclude_patterns = ['_build']
# anchors for the headings of every page, so that page.md#heading resolves
myst_heading_anchors = 3
html_theme = 'alabaster'
html_title = 'mmfau'
