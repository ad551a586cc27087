"""Generate the sync facade (facade/dss_codestudio/_sync) from the async one (_async), or check it is fresh.

    python codegen/unasync.py           # rewrite _sync from _async
    python codegen/unasync.py --check   # exit 1 if the committed _sync differs from a fresh generation

The async code is the single source of truth. Each module is rewritten token by token (strings and
comments keep their text, apart from class names): `async`/`await` disappear, async names become
their sync twins (`AsyncDSSClient` -> `DSSClient`, `httpx.AsyncClient` -> `httpx.Client`,
`__aenter__` -> `__enter__`, `asyncio_detailed` -> `sync_detailed`, `anyio.sleep` -> `time.sleep`,
`Awaitable[X]` -> `X`...). Lines ending in `# unasync: remove`, and blocks between
`# unasync: begin-remove` and `# unasync: end-remove`, are left out; modules in SKIP are async only.
The result is then fixed and formatted by the pinned ruff with the project's configuration, so the
generated code passes the same checks as the rest.
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import re
import subprocess
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "facade" / "dss_codestudio" / "_async"
TARGET = ROOT / "facade" / "dss_codestudio" / "_sync"
SKIP = {"_concurrency.py"}  # async-only modules

NAMES = {
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
    "StopAsyncIteration": "StopIteration",
    "aclose": "close",
    "aread": "read",
    "aiter_bytes": "iter_bytes",
    "aiter_raw": "iter_raw",
    "aiter_text": "iter_text",
    "aiter_lines": "iter_lines",
    "asyncio_detailed": "sync_detailed",
    "get_async_httpx_client": "get_httpx_client",
    "set_async_httpx_client": "set_httpx_client",
}
ASYNC_PREFIX = re.compile(r"^Async(?=[A-Z])")
IN_TEXT = re.compile(r"\bAsync(?=(DSS|Transport)\w*)")
DROPPED = {"async", "await"}


def _remove_marked_lines(text: str) -> str:
    out: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        marker = line.strip()
        if marker == "# unasync: begin-remove":
            skipping = True
        elif marker == "# unasync: end-remove":
            skipping = False
        elif not skipping and not line.rstrip().endswith("# unasync: remove"):
            out.append(line)
    if skipping:
        raise SystemExit("unasync: '# unasync: begin-remove' without '# unasync: end-remove'")
    return "".join(out)


def _offsets(text: str) -> list[int]:
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def rewrite(text: str) -> str:
    """The sync twin of an async module's source."""
    text = _remove_marked_lines(text)
    starts = _offsets(text)
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))

    def offset(position: tuple[int, int]) -> int:
        return starts[position[0] - 1] + position[1]

    replacements: dict[int, str | None] = {}  # token index -> new text (None: drop with its trailing space)
    for i, tok in enumerate(tokens):
        if tok.type == tokenize.NAME:
            if tok.string in DROPPED:
                replacements[i] = None
            elif tok.string in NAMES:
                replacements[i] = NAMES[tok.string]
            elif ASYNC_PREFIX.match(tok.string):
                replacements[i] = ASYNC_PREFIX.sub("", tok.string)
            elif tok.string == "anyio" and _is_attr(tokens, i, "sleep"):
                replacements[i] = "time"
            elif tok.string == "Awaitable" and tokens[i + 1].string == "[":
                # Awaitable[X] -> X: drop the name, its bracket and the matching closing bracket.
                replacements[i] = ""
                replacements[i + 1] = ""
                replacements[_closing(tokens, i + 1)] = ""
        elif tok.type in (tokenize.STRING, tokenize.COMMENT):
            new = IN_TEXT.sub("", tok.string)
            if new != tok.string:
                replacements[i] = new

    out: list[str] = []
    pos = 0
    for i, tok in enumerate(tokens):
        start, end = offset(tok.start), offset(tok.end)
        if i not in replacements:
            continue
        out.append(text[pos:start])
        new = replacements[i]
        pos = end
        if new is None:
            while pos < len(text) and text[pos] == " ":
                pos += 1
        else:
            out.append(new)
    out.append(text[pos:])
    return "".join(out)


def _is_attr(tokens: list[tokenize.TokenInfo], i: int, attribute: str) -> bool:
    return i + 2 < len(tokens) and tokens[i + 1].string == "." and tokens[i + 2].string == attribute


def _closing(tokens: list[tokenize.TokenInfo], opening: int) -> int:
    depth = 0
    for j in range(opening, len(tokens)):
        if tokens[j].string in "([{" and tokens[j].type == tokenize.OP:
            depth += 1
        elif tokens[j].string in ")]}" and tokens[j].type == tokenize.OP:
            depth -= 1
            if depth == 0:
                return j
    raise SystemExit("unasync: unbalanced brackets")


def _ruff(args: list[str], text: str, filename: Path) -> str:
    ruff = Path(sys.executable).parent / ("ruff.exe" if os.name == "nt" else "ruff")
    result = subprocess.run(
        [str(ruff), *args, "--stdin-filename", str(filename), "-"],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if result.returncode != 0:
        raise SystemExit(f"unasync: ruff {' '.join(args)} failed on {filename}:\n{result.stderr}")
    return result.stdout


def generate() -> dict[Path, str]:
    """The sync modules, by path, as they should be committed."""
    out: dict[Path, str] = {}
    for source in sorted(SOURCE.glob("*.py")):
        if source.name in SKIP:
            continue
        target = TARGET / source.name
        header = (
            f"# Generated from {source.relative_to(ROOT).as_posix()} by codegen/unasync.py: do not edit;\n"
            "# change the async module and run `python codegen/unasync.py`.\n"
        )
        text = header + rewrite(source.read_text(encoding="utf-8"))
        text = _ruff(["check", "--fix-only", "--quiet", "--exit-zero"], text, target)
        out[target] = _ruff(["format", "--quiet"], text, target)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with a fresh generation instead of writing")
    args = parser.parse_args()
    fresh = generate()
    existing = {p: p.read_text(encoding="utf-8") for p in TARGET.glob("*.py")} if TARGET.exists() else {}
    if args.check:
        problems = [f"stale (not generated): {p.relative_to(ROOT)}" for p in sorted(existing.keys() - fresh.keys())]
        for path, text in sorted(fresh.items()):
            if existing.get(path) != text:
                diff = difflib.unified_diff(
                    existing.get(path, "").splitlines(), text.splitlines(), "committed", "fresh", lineterm="", n=1
                )
                problems.append(f"differs: {path.relative_to(ROOT)}\n" + "\n".join(list(diff)[:40]))
        if problems:
            print("the sync facade is stale; run `python codegen/unasync.py`:\n" + "\n".join(problems))
            return 1
        print("the sync facade is fresh")
        return 0
    TARGET.mkdir(exist_ok=True)
    for path in existing.keys() - fresh.keys():
        path.unlink()
    for path, text in fresh.items():
        path.write_text(text, encoding="utf-8")
    print(f"generated {len(fresh)} modules in {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
