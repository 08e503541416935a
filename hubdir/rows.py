"""Model instances from hand-written SQL, as the ORM would build them.

For the few hot reads where composing the statement with the ORM cost more than running it:
the statement is written once, and its rows become instances with Model.from_db, the other
fields deferred as .only() would leave them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from django.db.models import Model


class Columns(NamedTuple):
    model: type[Model]
    fields: list[str]  # attnames, in the model's field order (the order from_db reads)
    sql: str  # the same columns, qualified by the statement's alias for the table


def model_columns(model: type[Model], alias: str, names: set[str]) -> Columns:
    """The columns among `names` (attnames) that a statement selects for `model`."""
    fields = [f for f in model._meta.concrete_fields if f.attname in names]
    unknown = names - {f.attname for f in fields}
    assert not unknown, f"{model.__name__} has no column {unknown}"
    assert model._meta.pk.attname in names, "from_db needs the primary key"
    sql = ", ".join(f'{alias}."{f.column}"' for f in fields)
    return Columns(model, [f.attname for f in fields], sql)


def instances(db: str, columns: Sequence[Columns], values: Sequence[Any]) -> list[Any]:
    """One instance per Columns from a row's values, selected in that order; None for a
    table an outer join found no row in (its primary key NULL)."""
    found, at = [], 0
    for model, fields, _sql in columns:
        part = values[at : at + len(fields)]
        at += len(fields)
        pk = part[fields.index(model._meta.pk.attname)]
        found.append(None if pk is None else model.from_db(db, fields, part))
    return found
