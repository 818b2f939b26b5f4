"""Plain-Python helpers of the addon's models and controllers (no models)."""
