"""One module per command (extract, build, import, check, status, doctor, init).

Thin jobs over pages/, po/ and translate/; they return dataclasses and never print.
"""
