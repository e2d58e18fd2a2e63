"""Compile the translations as the package is built or installed (editable installs too).

Each ``handbook/locale/<code>/LC_MESSAGES/handbook.po`` becomes its ``.mo`` beside it, so no
one has a build step to remember; the ``.mo`` files are not kept in git, and the wheel carries
them as artifacts.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileTranslations(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted(Path(self.root, "handbook", "locale").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle, domain=po.stem)
            out = io.BytesIO()
            write_mo(out, catalog)
            po.with_suffix(".mo").write_bytes(out.getvalue())
        build_data.setdefault("artifacts", []).append("handbook/locale/*/LC_MESSAGES/*.mo")
