"""The public pages of motions, one module per audience: `pages` (the motions and their
text), `bodies` (finding a body), `reporting` (reporting an adoption, the reporter's links)
and `rollup` (the roll-up's table, feeds and exports)."""
