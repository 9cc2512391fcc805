"""A local SMTP server that keeps nothing but a line per message: for the reminders benchmark.

    .venv/bin/python bench/smtp_sink.py PORT LOG

Listens on 127.0.0.1:PORT (aiosmtpd, in its own process so its CPU is not the bench's) and
appends "<unix time> <Message-ID> <recipients>" to LOG for every message it accepts, flushed
at once, so the bench can count messages and Message-IDs while a run goes on. Prints "ready"
once it listens; stops on SIGTERM.
"""

from __future__ import annotations

import re
import signal
import sys
import threading
import time

from aiosmtpd.controller import Controller

MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(\S+)", re.IGNORECASE | re.MULTILINE)


class Sink:
    def __init__(self, log) -> None:  # noqa: ANN001 (a text file)
        self.log = log
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802, ANN001, ANN201 (aiosmtpd's hook)
        content = envelope.original_content or envelope.content
        header = content.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
        found = MESSAGE_ID.search(header)
        message_id = found.group(1).decode() if found else "-"
        with self.lock:
            self.log.write(f"{time.time():.6f} {message_id} {','.join(envelope.rcpt_tos)}\n")
            self.log.flush()
        return "250 Message accepted for delivery"


def main(argv: list[str]) -> None:
    port, path = int(argv[0]), argv[1]
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    with open(path, "a", encoding="utf-8") as log:
        controller = Controller(Sink(log), hostname="127.0.0.1", port=port)
        controller.start()
        print("ready", flush=True)
        stopping.wait()
        controller.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
