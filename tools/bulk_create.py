"""Creating many plain records in one multi-row INSERT.

The ORM's ``create`` costs about a millisecond per record (defaults, value
conversion, cache and inverse updates, one by one); a job that writes a row
per record of a batch — a chatter note, an activity — spends most of
its time there. :func:`insert_rows` writes the same rows the ORM would: the
values given, converted as the ORM converts them (HTML sanitized), the
defaults (computed once for the batch), the magic fields, and the stored
computed fields computed by their own ``compute`` methods on the new records,
in batch. It does not run ``create`` overrides: the caller does what they
would have done (following the record, telling the browser, ...).
"""

from odoo.tools import SQL

MAGIC = ("id", "create_uid", "create_date", "write_uid", "write_date")


def insert_rows(model, vals_list):
    """Insert one row of ``model`` per dict of ``vals_list`` (stored, non
    relational-to-many fields only) and return the new records, in order.

    Stored computed fields are computed after the INSERT: a required one
    (e.g. a unit's area) must be given in ``vals_list``."""
    if not vals_list:
        return model.browse()
    env = model.env
    given = set().union(*vals_list)
    for fname in given:
        field = model._fields[fname]
        if not field.store or not field.column_type or fname in MAGIC:
            raise ValueError(f"insert_rows cannot write {model._name}.{fname}")
    # defaults are the same for every row of a batch: computed once
    missing = [
        name
        for name, field in model._fields.items()
        if field.store
        and field.column_type
        and name not in MAGIC
        and not field.compute
        and any(name not in vals for vals in vals_list)
    ]
    defaults = model.default_get(missing) if missing else {}
    columns = sorted(given | set(defaults))
    converted = {}

    def column_value(fname, value, vals):
        field = model._fields[fname]
        try:
            key = (fname, value)
            if key not in converted:
                converted[key] = field.convert_to_column_insert(value, model, vals)
            return converted[key]
        except TypeError:  # unhashable value
            return field.convert_to_column_insert(value, model, vals)

    # one array per column: psycopg2 sends a list as an ARRAY at C speed
    # (a row tuple is quoted in Python, ~0.2 ms each)
    arrays = [
        [
            column_value(fname, vals.get(fname, defaults.get(fname)), vals)
            for vals in vals_list
        ]
        for fname in columns
    ]
    model.flush_model()
    env.cr.execute(
        SQL(
            """
            INSERT INTO %(table)s (%(columns)s, create_uid, create_date, write_uid, write_date)
            SELECT *, %(uid)s, %(now)s, %(uid)s, %(now)s FROM unnest(%(arrays)s)
            RETURNING id
            """,
            table=SQL.identifier(model._table),
            columns=SQL(", ").join(SQL.identifier(name) for name in columns),
            uid=env.uid,
            now=env.cr.now(),
            arrays=SQL(", ").join(
                SQL("%s::%s[]", array, SQL(model._fields[fname].column_type[1]))
                for fname, array in zip(columns, arrays, strict=True)
            ),
        )
    )
    ids = [row[0] for row in env.cr.fetchall()]
    records = model.browse(ids)
    # stored computed fields not given: computed as create would, in batch
    for fname, field in model._fields.items():
        if field.store and field.column_type and field.compute and fname not in given:
            env.add_to_compute(field, records)
    # dependents (the documents' activity and message lists, ...) are stale
    records.modified([name for name in columns if name in model._fields], create=True)
    # a computed field given in ``vals_list`` (e.g. an activity's res_name)
    # keeps the value given, as create keeps it
    for fname in given:
        field = model._fields[fname]
        if field.compute:
            env.remove_to_compute(field, records)
    return records
