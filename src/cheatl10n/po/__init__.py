"""PO catalogs and their wire format: read, merge, write, wrap, translation memory.

The only modules that parse or write PO text and use babel's plural data; elsewhere a
catalog is a ``polib.POFile`` these modules read or will write."""
