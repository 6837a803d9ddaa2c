"""PO catalogs and their wire format: read, merge, write, wrap, translation memory.

The only importers of polib and of babel's plural data."""
