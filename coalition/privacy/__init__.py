"""Privacy (AVG/GDPR): subject access export, erasure, retention, safe logging.

The export and the erasure find a person's data by walking the model relations
(`_meta.related_objects`), so a model added later is covered without anyone
having to remember it here; `tests/trust/test_relation_walk.py` keeps it so.
"""
