"""A counting SMTP sink for bench/newsletter.sh and the newsletter crash test: aiosmtpd on loopback that keeps no
message, only how many arrived, how many bytes, and how many recipients got more than one copy. Writes those as JSON
to the file given when it gets SIGTERM (or SIGINT). With a third argument it also appends each accepted message's
recipients to that file, one line each, as it accepts them (so a test can watch a send's progress and count copies).
usage: /usr/bin/python3 eng/smtp_sink.py PORT STATS.json [RECIPIENTS.log]"""
import asyncio, collections, json, signal, sys

from aiosmtpd.controller import Controller


class Counting:
    def __init__(self, log=None):
        self.log = log
        self.messages = 0
        self.bytes = 0
        self.copies = collections.Counter()

    async def handle_DATA(self, server, session, envelope):
        self.messages += 1
        self.bytes += len(envelope.content)
        for rcpt in envelope.rcpt_tos:
            self.copies[rcpt.lower()] += 1
            if self.log:
                self.log.write(rcpt.lower() + "\n")
        if self.log:
            self.log.flush()
        return "250 OK"


def main():
    port, out = int(sys.argv[1]), sys.argv[2]
    log = open(sys.argv[3], "a", encoding="utf-8") if len(sys.argv) > 3 else None
    handler = Counting(log)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    loop = asyncio.new_event_loop()
    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    loop.run_until_complete(stop)
    controller.stop()
    with open(out, "w") as f:
        json.dump({"messages": handler.messages, "bytes": handler.bytes, "recipients": len(handler.copies),
                   "duplicated": sum(1 for c in handler.copies.values() if c > 1)}, f)


if __name__ == "__main__":
    main()
