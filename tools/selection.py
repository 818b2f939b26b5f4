"""The labels of a selection field, in a language."""


def selection_labels(model, fname, env=None):
    """``{value: label}`` of the selection field ``fname`` of ``model`` (a
    model or records), in the language of ``env`` (default: the model's)."""
    env = env if env is not None else model.env
    return dict(model._fields[fname]._description_selection(env))


def selection_label(model, fname, value, env=None):
    """The label of ``value`` of the selection field ``fname`` of ``model``
    (``value`` itself when the selection no longer has it; "" for none)."""
    if not value:
        return ""
    return selection_labels(model, fname, env).get(value, value)
