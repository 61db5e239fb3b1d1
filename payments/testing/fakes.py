"""Both fakes together, with the environment a shop process needs to talk to them."""

from payments.testing.fake_midtrans import TEST_CLIENT_KEY, TEST_SERVER_KEY, FakeMidtrans
from payments.testing.fake_stripe import TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, FakeStripe


class FakeGateways:
    def __init__(self):
        self.stripe = FakeStripe()
        self.midtrans = FakeMidtrans()

    def start(self):
        self.stripe.start()
        self.midtrans.start()
        return self

    def stop(self):
        self.stripe.stop()
        self.midtrans.stop()

    def reset(self):
        self.stripe.reset()
        self.midtrans.reset()

    @property
    def env(self) -> dict[str, str]:
        """Where the shop's SDK calls go (STRIPE_API_BASE, MIDTRANS_API_BASE, MIDTRANS_SNAP_BASE).

        Keys are not in here: tests store them in the admin configuration, so each test decides
        which gateways are offered."""
        return {
            "STRIPE_API_BASE": self.stripe.url,
            "MIDTRANS_API_BASE": self.midtrans.url,
            "MIDTRANS_SNAP_BASE": self.midtrans.snap_base,
        }


__all__ = ["TEST_CLIENT_KEY", "TEST_SECRET_KEY", "TEST_SERVER_KEY", "TEST_WEBHOOK_SECRET", "FakeGateways"]
