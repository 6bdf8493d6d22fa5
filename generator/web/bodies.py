"""Request bodies over the upload limit: drained and dropped by waitress, refused by the page.

waitress answers a body over its own limit with a bare English «Request Entity Too Large»
before the application sees the request. Instead its limit is set out of reach, and a body
longer than rmo's is read and thrown away as it arrives, keeping only its first bytes (where
the browser names the file). The request then reaches Django with its true Content-Length and
the page refuses it in Russian, with the menu and the file's name (pages.common.too_big).
Nothing of a huge file is stored; and since the browser has sent its whole body, it shows the
answer (a server closing the connection mid-upload gets a «connection reset» page instead).
"""

from __future__ import annotations

from waitress.buffers import OverflowableBuffer
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.receiver import ChunkedReceiver, FixedStreamReceiver

from .settings import BODY_HEAD, BODY_LIMIT

UNLIMITED = 1 << 62  # waitress's own limit, never reached


class Capped:
    """A body buffer keeping the first `keep` bytes and counting the rest without storing it."""

    def __init__(self, inner: OverflowableBuffer, keep: int):
        self.inner, self.keep, self.total = inner, keep, 0

    def append(self, data: bytes) -> None:
        room = self.keep - len(self.inner)
        if room > 0:
            self.inner.append(data[:room])
        self.total += len(data)

    def __len__(self) -> int:
        # The true length: a chunked body's Content-Length is set from it.
        return self.total

    def getfile(self):
        return self.inner.getfile()

    def close(self) -> None:
        self.inner.close()


class Parser(HTTPRequestParser):
    def parse_header(self, header_plus: bytes) -> None:
        super().parse_header(header_plus)
        if self.chunked:
            self.body_rcv = ChunkedReceiver(self._capped(BODY_LIMIT))
        elif self.content_length > BODY_LIMIT:
            self.body_rcv = FixedStreamReceiver(self.content_length, self._capped(BODY_HEAD))

    def _capped(self, keep: int) -> Capped:
        return Capped(OverflowableBuffer(self.adj.inbuf_overflow), keep)


class Channel(HTTPChannel):
    parser_class = Parser


def drain_large_bodies(server) -> None:
    """Make a waitress server made by create_server(…, max_request_body_size=UNLIMITED)
    drop what is over the limit instead of storing it."""
    server.channel_class = Channel
