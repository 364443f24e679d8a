"""Memory of a process tree while it runs: the peak of the summed PSS of this process and its children.

``ru_maxrss`` gives each process's own peak; added up over forked workers it counts the model pages they
share with the parent once per process, and peaks that never coincide. PSS (proportional set size, from
``/proc/PID/smaps_rollup``) splits shared pages among their sharers, so the sum over the tree, sampled while
the work runs, is what the machine actually has to hold.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from types import TracebackType

log = logging.getLogger(__name__)

INTERVAL_S = 0.25


def pss_kib(pid: int) -> int:
    """PSS of one process in KiB (0 if it has gone or the kernel has no smaps_rollup)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="ascii")
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def parents() -> dict[int, int]:
    """Parent pid of every running process (from /proc/PID/stat: the field after the state)."""
    found: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        # The command name (field 2) may hold spaces and parentheses: split after its closing one.
        fields = stat[stat.rfind(")") + 2 :].split()
        found[int(entry.name)] = int(fields[1])
    return found


def tree_pss_kib(root: int) -> int:
    """Summed PSS of ``root`` and all its descendants."""
    tree, added = {root}, True
    family = parents()
    while added:
        grown = tree | {pid for pid, parent in family.items() if parent in tree}
        added, tree = grown != tree, grown
    return sum(pss_kib(pid) for pid in tree)


class PeakSampler:
    """``with PeakSampler() as peak: ...``; then ``peak.mib`` is the largest tree PSS seen (MiB)."""

    def __init__(self, interval: float = INTERVAL_S) -> None:
        self.interval = interval
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def mib(self) -> float:
        return self.peak_kib / 1024

    def _run(self) -> None:
        root = os.getpid()
        while True:
            self.peak_kib = max(self.peak_kib, tree_pss_kib(root))
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_kib = max(self.peak_kib, tree_pss_kib(os.getpid()))
