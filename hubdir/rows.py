"""Model instances from hand-written SQL, as the ORM would build them.

For the few hot reads where composing the statement with the ORM cost more than running it:
the statement is written once, and its rows become instances with Model.from_db, the other
fields deferred as .only() would leave them.
"""

from __future__ import annotations

from django.db.models import Model


def model_columns(model: type[Model], alias: str, names: set[str]) -> tuple[list[str], str]:
    """The attnames among `names` in the model's field order (the order Model.from_db reads
    the values in) and their columns as SQL, qualified by `alias`."""
    fields = [f for f in model._meta.concrete_fields if f.attname in names]
    unknown = names - {f.attname for f in fields}
    assert not unknown, f"{model.__name__} has no column {unknown}"
    return [f.attname for f in fields], ", ".join(f'{alias}."{f.column}"' for f in fields)
