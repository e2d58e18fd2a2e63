"""The catalogue: the vocabulary, the stretch file format, the stretch model, loading, importing.

The loader (and pandas with it) loads on first use: the timing wing reads the stretch model
and the breathing pace from here without paying for tables it does not build.
"""

from typing import TYPE_CHECKING

from .stretch import DEFAULT_BREATHS_PER_MINUTE, Stretch

if TYPE_CHECKING:
    from .loader import Catalog, CatalogWarning, load_catalog

__all__ = ["DEFAULT_BREATHS_PER_MINUTE", "Catalog", "CatalogWarning", "Stretch", "load_catalog"]

_FROM_LOADER = frozenset({"Catalog", "CatalogWarning", "load_catalog"})


def __getattr__(name: str) -> object:
    if name in _FROM_LOADER:
        from . import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
