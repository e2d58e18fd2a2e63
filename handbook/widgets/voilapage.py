"""The language of class mode's page under Voila: ``<html lang>`` as the server speaks.

Voila's template (``share/jupyter/voila/templates/handbook-class``) runs this preprocessor
before it paints the page. The page says the language the handbook speaks in the server's
environment (``HANDBOOK_LANG``), which the kernels Voila starts inherit: the page and the
class it holds speak one language, and a screen reader and the browser's voice read it so.
"""

from __future__ import annotations

from typing import Any

from nbconvert.preprocessors import Preprocessor

from .. import i18n


class PageLanguage(Preprocessor):
    """Set the page's ``lang`` (nbconvert's ``resources["language_code"]``) to the language
    the handbook speaks here.

    >>> import nbformat
    >>> _, resources = PageLanguage().preprocess(nbformat.v4.new_notebook(), {})
    >>> resources["language_code"]
    'en'
    """

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """The notebook as it is; the resources with the page's language."""
        resources["language_code"] = i18n.language()
        return nb, resources
