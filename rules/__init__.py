"""Plain-Python rules of the addon: arithmetic that models call.

Nothing here imports the ORM, so every function can be tested exhaustively
and run in batch.
"""
