"""The version, in a module of its own: any module may import it without loading the API."""

__version__ = "0.1.0"
