"""The shared matching core: pure Python and NumPy, no Django.

    from matching.engine import Person, Criterion, Constraint, Problem, solve

See README.md beside this file for the problem format and each criterion.
"""

from matching.engine.problem import (
    Constraint,
    Criterion,
    Pair,
    Person,
    Problem,
    ProblemError,
    Solution,
)
from matching.engine.solver import solve

__all__ = [
    "Constraint",
    "Criterion",
    "Pair",
    "Person",
    "Problem",
    "ProblemError",
    "Solution",
    "solve",
]
