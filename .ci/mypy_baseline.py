"""Run mypy and compare its errors with a baseline that may only shrink.

The baseline (``.ci/mypy-baseline.txt``) lists the type errors the code had when the check was
introduced, one ``path: message  [code]`` a line, without line numbers (so an edit above an error does
not move it). The check fails when mypy reports an error that is not in the baseline, and also when a
baselined error is gone: then remove it with ``--update``, which refuses to add errors.

    python .ci/mypy_baseline.py             # make lint
    python .ci/mypy_baseline.py --update    # after fixing errors: shrink the baseline
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / ".ci" / "mypy-baseline.txt"
ERROR = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+)(?::\d+)?: error: (?P<message>.*)$")


def parse_errors(output: str) -> list[tuple[str, str]]:
    """``(baseline key, the line as mypy printed it)`` for every error line of mypy's output."""
    errors = []
    for line in output.splitlines():
        match = ERROR.match(line)
        if match:
            message = re.sub(r"\bline \d+\b", "line N", match["message"].strip())
            errors.append((f"{Path(match['path']).as_posix()}: {message}", line))
    return errors


def compare(current: list[str], baseline: list[str]) -> tuple[Counter, Counter]:
    """Errors not in the baseline, and baselined errors that are gone (both as multisets)."""
    now, known = Counter(current), Counter(baseline)
    return now - known, known - now


def read_baseline(path: Path = BASELINE) -> list[str]:
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]


def write_baseline(keys: list[str], path: Path = BASELINE) -> None:
    header = "# mypy errors known when the type check was introduced: this list may only shrink.\n"
    header += "# Regenerate with `python .ci/mypy_baseline.py --update` after fixing some.\n"
    path.write_text(header + "".join(f"{k}\n" for k in sorted(keys)), encoding="utf-8")


def run_mypy() -> str:
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 1) or (done.returncode == 1 and not parse_errors(done.stdout)):
        sys.exit(f"mypy failed to run (exit {done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true",
                        help="rewrite the baseline without the errors that are gone (never adds)")
    parser.add_argument("--accept-new", action="store_true",
                        help="with --update: also add new errors (a reviewed decision, not a habit)")
    args = parser.parse_args(argv)

    errors = parse_errors(run_mypy())
    current = [key for key, _ in errors]
    baseline = read_baseline()
    new, gone = compare(current, baseline)
    if args.update:
        if new and not args.accept_new:
            print(f"{sum(new.values())} new mypy error(s): fix them; the baseline does not grow",
                  file=sys.stderr)
        else:
            write_baseline(current if args.accept_new else list((Counter(baseline) - gone).elements()))
            print(f"baseline: {len(read_baseline())} error(s), {sum(gone.values())} removed")
            return 0
    if new:
        print(f"mypy: {sum(new.values())} error(s) not in the baseline (fix them):", file=sys.stderr)
        for key, line in errors:
            if new[key] > 0:
                print(f"  {line}", file=sys.stderr)
                new[key] -= 1
    if gone:
        print(f"mypy: {sum(gone.values())} baselined error(s) are fixed: shrink the baseline with "
              "`python .ci/mypy_baseline.py --update`:", file=sys.stderr)
        for key in sorted(gone.elements()):
            print(f"  {key}", file=sys.stderr)
    if new or gone:
        return 1
    print(f"mypy: no new errors ({len(baseline)} known in {BASELINE.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
