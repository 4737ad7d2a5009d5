"""SQL functions spelled differently by SQLite and PostgreSQL, under one name.

The services write their queries once; these constructs compile to each database's own
function, so the same query runs on a laptop's SQLite file and on the team server.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import GenericFunction
from sqlalchemy.types import Integer


class substring_position(GenericFunction[int]):
    """The 1-based position of a literal text inside another, 0 when absent.

    No pattern characters: ``%`` and ``_`` are plain text. SQLite's ``instr`` and
    PostgreSQL's ``strpos``.
    """

    type = Integer()
    inherit_cache = True
    name = "instr"


@compiles(substring_position, "postgresql")
def _strpos(element: substring_position, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"
