"""Sphinx configuration of the course's book (``make book``: tools/make_book.py stages these sources with the
executed lessons and builds them into build/book/).

Why Sphinx + myst-nb + sphinx-book-theme: all three come from PyPI (pinned in requirements.txt), build offline,
read the executed notebooks as they are (``nb_execution_mode = "off"``: the book shows what ``make lessons``
ran), and autodoc writes the package reference from the docstrings. Jupyter Book 2 / mystmd fetch their web
theme from the network when they build, which the course's CI (no internet) cannot do.

Nothing is loaded from the network when a page opens: MathJax, require.js and the widget renderer are served
from ``_static/vendor`` (copied by tools/make_book.py from the slides' pinned npm packages), and the theme's
fonts and icons ship with it.
"""

import json
from pathlib import Path

# written by tools/make_book.py from pyproject.toml: the version and the repository
_config = json.loads((Path(__file__).parent / "_generated" / "config.json").read_text())

project = "fcnlab"
author = "fcnlab contributors"
copyright = "fcnlab contributors; text and figures CC BY 4.0, code MIT"
release = version = _config["version"]

extensions = ["myst_nb", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
exclude_patterns = ["_build", "_generated/*.md", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints"]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
suppress_warnings = ["myst.header", "mystnb.unknown_mime_type"]

# the executed lessons, never re-executed
nb_execution_mode = "off"
nb_merge_streams = True
nb_output_stderr = "remove"  # TensorFlow's start-up chatter is not part of a lesson

# offline: MathJax 2 (the npm pin the decks use) and the widget renderer from _static/vendor
mathjax_path = "vendor/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
mathjax2_config = {
    # myst-nb marks a notebook's section tex2jax_ignore (a "$" in an output is not maths) and its maths with
    # the class "math": MathJax 2 must process those elements inside the ignored section
    "tex2jax": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]],
                "processRefs": False, "processEnvironments": False,
                "processClass": "tex2jax_process|mathjax_process|math|output_area"},
}
nb_ipywidgets_js = {
    "vendor/require.js": {},
    "vendor/widgets-path.js": {},
    "vendor/html-manager/embed-amd.js": {},
}

autodoc_member_order = "bysource"
autodoc_default_options = {"members": True}
autodoc_typehints = "description"

html_theme = "sphinx_book_theme"
html_title = f"fcnlab {version}: semantic segmentation with FCNs"
html_static_path = ["_static"]
html_extra_path = ["_extra"] if (Path(__file__).parent / "_extra").is_dir() else []
html_css_files = ["book.css"]
html_js_files = [("name-sliders.js", {"defer": "defer"})]  # copied by tools/make_book.py from the decks' template
html_show_sourcelink = False
html_domain_indices = False  # no module index page: the reference page lists the modules
html_copy_source = False
html_context = {"default_mode": "light"}
html_theme_options = {
    "repository_url": _config["repository"],
    "use_repository_button": True,
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "use_download_button": False,
}
