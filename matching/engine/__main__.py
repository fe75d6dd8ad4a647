"""`python -m matching.engine PROBLEM.json`: solve a problem file, print JSON.

Exit codes: 0 solved, 2 the problem (or its file) is malformed; the message on
stderr names the field at fault.
"""

from __future__ import annotations

import argparse
import json
import sys

from matching.engine.jsonio import problem_from_json, solution_to_json
from matching.engine.problem import ProblemError
from matching.engine.solver import solve

EXIT_MALFORMED = 2
FILE_UNREADABLE = "{path}: cannot be read: {reason}"
JSON_INVALID = "{path}: not valid JSON: {reason} (line {line}, column {column})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m matching.engine",
        description="Pair two sides of a matching problem optimally; prints JSON.",
    )
    parser.add_argument("problem", help="problem file (JSON), or - for stdin")
    parser.add_argument("--indent", type=int, default=2, help="JSON indent")
    args = parser.parse_args(argv)
    try:
        if args.problem == "-":
            text = sys.stdin.read()
        else:
            with open(args.problem, encoding="utf-8") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        print(FILE_UNREADABLE.format(path=args.problem, reason=reason), file=sys.stderr)
        return EXIT_MALFORMED
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        print(
            JSON_INVALID.format(
                path=args.problem,
                reason=error.msg,
                line=error.lineno,
                column=error.colno,
            ),
            file=sys.stderr,
        )
        return EXIT_MALFORMED
    try:
        solution = solve(problem_from_json(data))
    except ProblemError as error:
        print(f"{args.problem}: {error}", file=sys.stderr)
        return EXIT_MALFORMED
    json.dump(
        solution_to_json(solution), sys.stdout, ensure_ascii=False, indent=args.indent
    )
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
