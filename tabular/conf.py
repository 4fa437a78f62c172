"""Settings of the table reader, with their defaults. Override in the host's settings."""

from django.conf import settings


class TabularSettings:
    @property
    def MAX_UPLOAD_BYTES(self) -> int:
        """The largest upload read at all (an importer may set a lower limit)."""
        return getattr(settings, "TABULAR_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)

    @property
    def MAX_UNPACKED_BYTES(self) -> int:
        """The most an XLSX workbook (a zip archive) may unpack to."""
        return getattr(settings, "TABULAR_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)

    @property
    def MAX_COLUMNS(self) -> int:
        return getattr(settings, "TABULAR_MAX_COLUMNS", 100)

    @property
    def MAX_CELL_CHARS(self) -> int:
        return getattr(settings, "TABULAR_MAX_CELL_CHARS", 10000)


tabular_settings = TabularSettings()
