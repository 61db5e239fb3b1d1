"""Domain errors of the chat, each with a code the protocol sends in its error frame."""


class ChatError(Exception):
    code = "invalid"

    def __init__(self, detail: str, code: str | None = None):
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code


class ChatForbidden(ChatError):
    code = "forbidden"
