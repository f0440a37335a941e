"""The one error type the library raises; the CLI prints it as `错误：…`."""


class DocgenError(Exception):
    """A problem the user can fix; the message is one line of Chinese naming the file and the fix."""

    exit_code = 1


class InputError(DocgenError):
    """A speech, roster or other input file cannot be read."""


class ConfigError(DocgenError):
    """class.toml is missing, malformed or has a wrong value."""


class TemplateError(DocgenError):
    """A template cannot be found, parsed or rendered."""


class ExportError(DocgenError):
    """Converting to PDF failed or LibreOffice is missing."""


class OutputError(DocgenError):
    """An output file cannot be written (open in Word or WPS, a read-only folder, a full disk)."""
