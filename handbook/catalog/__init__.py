"""The catalogue: the vocabulary, the stretch file format, the stretch model, loading, importing."""

from ..timing.timeline import DEFAULT_BREATHS_PER_MINUTE
from .loader import Catalog, CatalogWarning, load_catalog
from .stretch import Stretch

__all__ = ["DEFAULT_BREATHS_PER_MINUTE", "Catalog", "CatalogWarning", "Stretch", "load_catalog"]
