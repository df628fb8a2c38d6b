"""The request class: every temporary file it makes for an upload is closed at the end.

Werkzeug drops the files it already parsed when it stops a form halfway (too many
parts: 413) without closing them; this class keeps them and closes them with the request.
"""

from __future__ import annotations

from typing import IO

from flask import Request


class UploadRequest(Request):
    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        stream = super()._get_file_stream(
            total_content_length, content_type, filename, content_length
        )
        self.__dict__.setdefault("_upload_streams", []).append(stream)
        return stream

    def close(self) -> None:
        super().close()
        for stream in self.__dict__.get("_upload_streams", ()):
            stream.close()
