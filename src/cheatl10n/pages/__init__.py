"""Reading pages: bytes -> Source -> Segments (literal text and translatable slots with exact offsets).

The only importers of markdown-it-py and PyYAML."""
