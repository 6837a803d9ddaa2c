"""The command line: click commands, console output and exit codes."""
