"""A Jupyter kernel driven from the benchmarks: run code in it and read values back."""

from __future__ import annotations

import ast
import time
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client.manager import KernelManager

from .common import Figure


class Kernel:
    """A fresh python3 kernel; use as a context manager so it always shuts down."""

    def __enter__(self) -> Kernel:
        self.manager = KernelManager(kernel_name="python3", transport="ipc")
        self.manager.start_kernel()
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)

    def run(self, code: str, timeout: float = 120) -> float:
        """Execute code; raise on an error; return the seconds until the reply came back."""
        start = time.perf_counter()
        reply = self.client.execute_interactive(code, timeout=timeout, output_hook=_quiet)
        took = time.perf_counter() - start
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise RuntimeError(f"{content.get('ename')}: {content.get('evalue')}\n{code}")
        return took

    def value(self, expression: str) -> Any:
        """The value of a Python literal expression evaluated in the kernel."""
        reply = self.client.execute_interactive(
            "", user_expressions={"v": expression}, timeout=60, output_hook=_quiet
        )
        result = reply["content"]["user_expressions"]["v"]
        if result["status"] != "ok":
            raise RuntimeError(f"{result.get('ename')}: {result.get('evalue')}")
        return ast.literal_eval(result["data"]["text/plain"])

    def rss_mb(self) -> float:
        """The kernel process's resident memory in MB (Linux)."""
        self.run("import gc; gc.collect()")
        return float(
            self.value(
                "[int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmRSS')][0]"
            )
            / 1024
        )


def notebook_memory_figure(path: Path, name: str) -> Figure:
    """A kernel's memory after running every code cell of a notebook (in its folder), against
    a kernel with only pandas and ipywidgets imported (target: at most 1.15 times)."""
    notebook = nbformat.read(path, as_version=4)
    with Kernel() as kernel:
        kernel.run(f"import os; os.chdir({str(path.parent)!r})")
        for cell in notebook.cells:
            if cell.cell_type == "code":
                kernel.run(cell.source)
        after = kernel.rss_mb()
    with Kernel() as kernel:
        kernel.run("import pandas, ipywidgets")
        bare = kernel.rss_mb()
    return Figure(name, after, "MB", "<= 1.15x", after <= 1.15 * bare, bare, "pandas + ipywidgets")


def _quiet(msg: object) -> None:
    """Drop the kernel's output messages (the benchmarks read values explicitly)."""
