"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for end-to-end mail
tests: the portal's SMTP backend talks to it exactly as it would to a mail relay."""

import threading
import time
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy

from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class ReceivedMail:
    sender: str
    recipients: list[str]
    message: EmailMessage

    @property
    def text(self) -> str:
        return self.message.get_body(preferencelist=("plain",)).get_content()


class Mailbox:
    """What the server received, in arrival order; tests wait on it instead of sleeping."""

    def __init__(self):
        self._mails: list[ReceivedMail] = []
        self._arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        mail = ReceivedMail(
            sender=envelope.mail_from,
            recipients=list(envelope.rcpt_tos),
            message=message_from_bytes(envelope.content, policy=default_policy),
        )
        with self._arrived:
            self._mails.append(mail)
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    @property
    def mails(self) -> list[ReceivedMail]:
        with self._arrived:
            return list(self._mails)

    def to(self, address: str) -> list[ReceivedMail]:
        return [mail for mail in self.mails if address in mail.recipients]

    def clear(self) -> None:
        with self._arrived:
            self._mails.clear()

    def wait_for(self, address: str, *, timeout: float) -> list[ReceivedMail]:
        """The mails to `address` once at least one has arrived, or [] after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while not (found := [m for m in self._mails if address in m.recipients]):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._arrived.wait(remaining)
            return found


class LoopbackSMTPServer(Controller):
    """Listens on 127.0.0.1 on a port the kernel picks, so parallel runs never collide."""

    def __init__(self):
        self.mailbox = Mailbox()
        super().__init__(self.mailbox, hostname="127.0.0.1", port=0)

    def _create_server(self):
        return self._listen_on_free_port()

    async def _listen_on_free_port(self):
        server = await self.loop.create_server(self._factory_invoker, host=self.hostname, port=0)
        self.port = server.sockets[0].getsockname()[1]
        return server

    @property
    def url(self) -> str:
        """An EMAIL_URL for django-environ."""
        return f"smtp://{self.hostname}:{self.port}"
