"""The Dashboard area: tiles and charts of the foundation's figures, each opening its list."""
